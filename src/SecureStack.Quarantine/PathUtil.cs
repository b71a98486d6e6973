namespace SecureStack.Quarantine;

/// <summary>Path containment on full, normalised paths (Linux: case-sensitive).</summary>
internal static class PathUtil
{
    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or below it.</summary>
    public static bool IsSameOrInside(string path, string directory)
    {
        var p = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var d = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return p == d || p.StartsWith(d + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
