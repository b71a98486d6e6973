using System.Runtime.InteropServices;

namespace SecureStack.Audit.Storage;

/// <summary>
/// An exclusive <c>flock(2)</c> on a lock file beside the log, held around each append so that
/// several processes keep one chain. Released when disposed (or when the process dies).
/// The file is opened with libc's <c>open</c>: .NET's FileStream takes its own non-blocking
/// advisory lock on open, which would fail while another process holds ours.
/// </summary>
internal sealed partial class FileLock : IDisposable
{
    private const int ReadWrite = 0x2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private const int LockExclusive = 2;
    private const int Interrupted = 4; // EINTR

    private readonly int _fd;

    private FileLock(int fd) => _fd = fd;

    public static FileLock Acquire(string lockPath)
    {
        var fd = Open(lockPath, ReadWrite | Create | CloseOnExec, 0b110_100_000);
        if (fd < 0)
        {
            throw new IOException($"cannot open lock file {lockPath} (errno {Marshal.GetLastPInvokeError()})");
        }

        while (Flock(fd, LockExclusive) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                _ = Close(fd);
                throw new IOException($"flock on {lockPath} failed (errno {errno})");
            }
        }

        return new FileLock(fd);
    }

    /// <summary>Closing the descriptor releases the lock.</summary>
    public void Dispose() => _ = Close(_fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
