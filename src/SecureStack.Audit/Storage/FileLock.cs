using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SecureStack.Audit.Storage;

/// <summary>
/// An exclusive <c>flock(2)</c> on a lock file, held until disposed (or until the process dies). The audit log
/// holds one around each append so that several processes keep one chain; quarantine holds one around every move.
/// The file is opened with libc's <c>open</c>: .NET's FileStream takes its own non-blocking advisory lock on open,
/// which would fail instead of waiting while another process holds ours.
/// </summary>
public sealed partial class FileLock : IDisposable
{
    private const int ReadWrite = 0x2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private const int LockExclusive = 2;
    private const int Interrupted = 4; // EINTR

    private readonly SafeFileHandle _handle;

    private FileLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>Opens (creating it with <paramref name="mode"/>) <paramref name="lockPath"/> and blocks until it holds the lock.</summary>
    public static FileLock Acquire(string lockPath, UnixFileMode mode)
    {
        var handle = Open(lockPath, ReadWrite | Create | CloseOnExec, (int)mode);
        if (handle.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new IOException($"{lockPath}: cannot open the lock file (errno {errno}); check that its folder exists and is writable");
        }

        while (Flock(handle, LockExclusive) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                handle.Dispose();
                throw new IOException($"{lockPath}: cannot take the lock (errno {errno})");
            }
        }

        return new FileLock(handle);
    }

    /// <summary>Closing the descriptor releases the lock.</summary>
    public void Dispose() => _handle.Dispose();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);
}
