using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SecureStack.Audit.Storage;

/// <summary>
/// An exclusive <c>flock(2)</c> on a lock file beside the log, held around each append so that
/// several processes keep one chain. Released when disposed (or when the process dies).
/// </summary>
internal sealed partial class FileLock : IDisposable
{
    private const int LockExclusive = 2;
    private const int Unlock = 8;
    private const int Interrupted = 4; // EINTR

    private readonly FileStream _file;

    private FileLock(FileStream file) => _file = file;

    public static FileLock Acquire(string lockPath)
    {
        var file = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            while (Flock(file.SafeFileHandle, LockExclusive) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Interrupted)
                {
                    throw new IOException($"flock on {lockPath} failed with errno {errno}");
                }
            }

            return new FileLock(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _ = Flock(_file.SafeFileHandle, Unlock);
        _file.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);
}
