namespace SecureStack.Quarantine.Moves;

/// <summary>
/// Moves a skill folder so that at every instant it exists complete in at least one place: an atomic rename on
/// one filesystem; across filesystems a synced copy to a staging name, an atomic rename to the destination, then
/// deletion of the source. The destination therefore only ever exists complete.
/// </summary>
internal sealed class DirectoryMover(Action<MoveStep>? onStep = null)
{
    public const string StagingSuffix = ".securestack-partial";

    /// <summary>Moves <paramref name="source"/> to <paramref name="destination"/> (which must not exist; its parent must).</summary>
    public void Move(string source, string destination)
    {
        var errno = NativeMethods.RenameNoReplaceErrno(source, destination);
        if (errno == 0)
        {
            SyncParents(source, destination);
            onStep?.Invoke(MoveStep.Renamed);
            return;
        }

        if (errno != NativeMethods.EXDEV)
        {
            throw new IOException($"cannot move {source} to {destination} (errno {errno})");
        }

        var staging = destination + StagingSuffix;
        DeleteTree(staging);
        var started = false;
        CopyTree(source, staging, () =>
        {
            if (!started)
            {
                started = true;
                onStep?.Invoke(MoveStep.CopyStarted);
            }
        });
        NativeMethods.FsyncDirectory(Path.GetDirectoryName(staging)!);
        onStep?.Invoke(MoveStep.Copied);

        Publish(staging, destination);
        onStep?.Invoke(MoveStep.Published);

        FinishSource(source);
    }

    /// <summary>Completes a move whose destination is already complete: removes what is left of the source.</summary>
    public void FinishSource(string source)
    {
        var startedDelete = false;
        DeleteTree(source, () =>
        {
            if (!startedDelete)
            {
                startedDelete = true;
                onStep?.Invoke(MoveStep.SourceDeleteStarted);
            }
        });
        NativeMethods.FsyncDirectory(Path.GetDirectoryName(source)!);
        onStep?.Invoke(MoveStep.SourceDeleted);
    }

    /// <summary>Removes a folder without following symlinks; missing is fine.</summary>
    public static void DeleteTree(string path, Action? afterEach = null)
    {
        var info = new DirectoryInfo(path);
        if (info.LinkTarget is not null)
        {
            File.Delete(path);
            afterEach?.Invoke();
            return;
        }

        if (!info.Exists)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
                afterEach?.Invoke();
            }

            return;
        }

        foreach (var entry in info.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo { LinkTarget: null })
            {
                DeleteTree(entry.FullName, afterEach);
            }
            else
            {
                entry.Delete();
                afterEach?.Invoke();
            }
        }

        info.Delete();
        afterEach?.Invoke();
    }

    private static void Publish(string staging, string destination)
    {
        var errno = NativeMethods.RenameNoReplaceErrno(staging, destination);
        if (errno != 0)
        {
            throw new IOException($"cannot rename {staging} to {destination} (errno {errno})");
        }

        NativeMethods.FsyncDirectory(Path.GetDirectoryName(destination)!);
    }

    private static void SyncParents(string source, string destination)
    {
        NativeMethods.FsyncDirectory(Path.GetDirectoryName(destination)!);
        NativeMethods.FsyncDirectory(Path.GetDirectoryName(source)!);
    }

    private static void CopyTree(string source, string target, Action afterEach)
    {
        var info = new DirectoryInfo(source);
        if (info.LinkTarget is { } linkTarget)
        {
            File.CreateSymbolicLink(target, linkTarget);
            afterEach();
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var entry in info.EnumerateFileSystemInfos())
        {
            var to = Path.Combine(target, entry.Name);
            if (entry.LinkTarget is { } target2)
            {
                File.CreateSymbolicLink(to, target2);
            }
            else if (entry is DirectoryInfo directory)
            {
                CopyTree(directory.FullName, to, afterEach);
                continue;
            }
            else if (entry is FileInfo file)
            {
                CopyFile(file, to);
            }

            afterEach();
        }

        File.SetUnixFileMode(target, info.UnixFileMode);
        NativeMethods.FsyncDirectory(target);
    }

    private static void CopyFile(FileInfo file, string to)
    {
        using (var input = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan))
        using (var output = new FileStream(to, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = file.UnixFileMode }))
        {
            input.CopyTo(output);
            output.Flush(flushToDisk: true);
        }

        File.SetUnixFileMode(to, file.UnixFileMode);
    }
}
