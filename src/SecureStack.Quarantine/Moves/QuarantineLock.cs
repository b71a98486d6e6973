namespace SecureStack.Quarantine.Moves;

/// <summary>
/// An exclusive flock next to the database, held for every move and for recovery: any move intent found while
/// holding it belongs to a process that died mid-move. The kernel releases it when its holder dies.
/// </summary>
internal sealed class QuarantineLock : IDisposable
{
    private int _fd;

    private QuarantineLock(int fd) => _fd = fd;

    public static QuarantineLock Acquire(string databasePath) => new(NativeMethods.LockExclusive(databasePath + ".lock"));

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            NativeMethods.CloseDescriptor(fd);
        }
    }
}
