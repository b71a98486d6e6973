namespace SecureStack.Scanner.Verdicts;

/// <summary>
/// Reads single lines of a skill's text files for the verdict (where a download goes), each file at most once, never
/// through a symlink and never outside the skill folder.
/// </summary>
internal sealed class SkillLines
{
    private const long MaxBytes = 4L * 1024 * 1024;
    private readonly string _root;
    private readonly Dictionary<string, string[]?> _files = new(StringComparer.Ordinal);

    public SkillLines(string root)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    public string? LineAt(string relativePath, int line)
    {
        if (!_files.TryGetValue(relativePath, out var lines))
        {
            lines = Read(relativePath);
            _files[relativePath] = lines;
        }
        return lines is not null && line >= 1 && line <= lines.Length ? lines[line - 1] : null;
    }

    private string[]? Read(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists || info.LinkTarget is not null || info.Length > MaxBytes)
            {
                return null;
            }
            // A binary file (bytecode, an archive) has no lines: its findings' snippets say what was seen.
            var text = File.ReadAllText(full);
            return text.Contains('\0', StringComparison.Ordinal) ? null : text.ReplaceLineEndings("\n").Split('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
