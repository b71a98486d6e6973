using System.Runtime.InteropServices;

namespace SecureStack.Quarantine.Moves;

/// <summary>The few libc calls .NET does not expose: no-replace rename with errno, and fsync of a directory.</summary>
internal static partial class NativeMethods
{
    public const int EXDEV = 18;
    public const int EEXIST = 17;
    public const int ENOTEMPTY = 39;
    public const int EINVAL = 22;
    private const int AtFdCwd = -100;
    private const uint RenameNoReplace = 1;
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000;
    private const int OCloexec = 0x80000;

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    /// <summary>Atomically renames <paramref name="from"/> to <paramref name="to"/>, never replacing; returns 0 or errno.</summary>
    public static int RenameNoReplaceErrno(string from, string to)
    {
        if (RenameAt2(AtFdCwd, from, AtFdCwd, to, RenameNoReplace) == 0)
        {
            return 0;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno != EINVAL)
        {
            return errno;
        }

        // Filesystems without RENAME_NOREPLACE: plain rename still refuses a non-empty target directory.
        if (Directory.Exists(to) || File.Exists(to))
        {
            return EEXIST;
        }

        return Rename(from, to) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Flushes a directory's entries (a completed rename or create) to disk.</summary>
    public static void FsyncDirectory(string path)
    {
        var fd = Open(path, ORdOnly | ODirectory | OCloexec);
        if (fd < 0)
        {
            throw new IOException($"{path}: cannot open directory to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"{path}: fsync failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }
}
