namespace SecureStack.Quarantine.Moves;

/// <summary>
/// An exclusive flock next to the database, held for every move and for recovery: any move intent found while
/// holding it belongs to a process that died mid-move.
/// </summary>
internal sealed class QuarantineLock : IDisposable
{
    private readonly FileStream _file;

    private QuarantineLock(FileStream file) => _file = file;

    public static QuarantineLock Acquire(string databasePath)
    {
        var path = databasePath + ".lock";
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            NativeMethods.LockExclusive(file.SafeFileHandle, path);
            return new QuarantineLock(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose() => _file.Dispose();
}
