namespace SecureStack.Scanner.Trust;

/// <summary>
/// The opt-in community allowlist (FR-3 AC-8): lines of <c>skill-name sha256-checksum</c>, <c>#</c> comments. A skill
/// is marked only when both its name and its exact checksum are listed, so a modified copy is not.
/// </summary>
internal sealed class CommunityAllowlist
{
    private readonly HashSet<(string Name, string Checksum)> _entries = [];

    public static CommunityAllowlist Empty { get; } = new();

    public static CommunityAllowlist Load(string path)
    {
        var list = new CommunityAllowlist();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScannerConfigurationException($"{path}: the community allowlist cannot be read ({e.Message})", e);
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#');
            var fields = (hash < 0 ? line : line[..hash]).Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }
            if (fields.Length != 2 || fields[1].Length != 64 || !fields[1].All(char.IsAsciiHexDigitLower))
            {
                throw new ScannerConfigurationException($"{path}:{i + 1}: expected \"skill-name <64 lowercase hex sha256>\"");
            }
            list._entries.Add((fields[0], fields[1]));
        }
        return list;
    }

    public bool Contains(string name, string checksum) => _entries.Contains((name, checksum));
}
