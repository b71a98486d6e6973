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

    /// <summary>The full path without a trailing separator: the form skill paths are stored and compared in.</summary>
    public static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>True for a folder, a file or a symlink (even a dangling one) at <paramref name="path"/>.</summary>
    public static bool Exists(string path) => Directory.Exists(path) || File.Exists(path) || new FileInfo(path).LinkTarget is not null;
}
