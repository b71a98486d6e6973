namespace SecureStack.Scanner.Skills;

/// <summary>One path inside a skill folder, relative with '/' separators.</summary>
internal sealed record SkillEntry(string RelativePath, string FullPath, EntryKind Kind, long Size, UnixFileMode Mode, string? LinkTarget);
