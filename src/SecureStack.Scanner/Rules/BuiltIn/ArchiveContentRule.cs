namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Archive contents are scanned like the skill's own files (zip, gzip, tar, nested up to a bound); an archive that
/// could not be fully opened is reported, because what was not read cannot be approved.
/// </summary>
internal static class ArchiveContentRule
{
    public static readonly RuleDescriptor Unscanned = new(
        "SS-ARCHIVE-UNSCANNED", "Archive not fully scanned", Severity.High,
        "An archive in the skill is nested too deep, expands past the scanner's bounds (a zip bomb) or is damaged, so part of it was not scanned.");
}
