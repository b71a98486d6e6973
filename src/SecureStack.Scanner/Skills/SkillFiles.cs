namespace SecureStack.Scanner.Skills;

/// <summary>Lists a skill folder without following symlinks, in ordinal path order.</summary>
internal static class SkillFiles
{
    public static List<SkillEntry> Enumerate(string root)
    {
        var entries = new List<SkillEntry>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        var rootLength = Path.GetFullPath(root).TrimEnd('/').Length + 1;
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<FileSystemInfo> children;
            try
            {
                children = directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false });
                children = [.. children];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                entries.Add(new SkillEntry(Relative(directory.FullName, rootLength), directory.FullName, EntryKind.Other, 0, 0, null));
                continue;
            }
            foreach (var child in children)
            {
                var relative = Relative(child.FullName, rootLength);
                if (child.LinkTarget is { } target)
                {
                    entries.Add(new SkillEntry(relative, child.FullName, EntryKind.Symlink, 0, 0, target));
                }
                else if (child is DirectoryInfo subdirectory)
                {
                    entries.Add(new SkillEntry(relative, child.FullName, EntryKind.Directory, 0, ModeOf(child), null));
                    pending.Push(subdirectory);
                }
                else if (child is FileInfo file && (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0 && IsRegular(file))
                {
                    entries.Add(new SkillEntry(relative, child.FullName, EntryKind.File, file.Length, ModeOf(child), null));
                }
                else
                {
                    entries.Add(new SkillEntry(relative, child.FullName, EntryKind.Other, 0, 0, null));
                }
            }
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return entries;
    }

    private static bool IsRegular(FileInfo file)
    {
        // Pipes and sockets would block or fail on read; only regular files are read.
        try
        {
            return (File.GetAttributes(file.FullName) & FileAttributes.Device) == 0 && file.Exists;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static UnixFileMode ModeOf(FileSystemInfo info)
    {
        try
        {
            return info.UnixFileMode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static string Relative(string fullPath, int rootLength) =>
        fullPath.Length <= rootLength ? "." : fullPath[rootLength..];
}
