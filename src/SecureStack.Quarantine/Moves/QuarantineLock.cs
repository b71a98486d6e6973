using SecureStack.Audit.Storage;

namespace SecureStack.Quarantine.Moves;

/// <summary>
/// An exclusive flock next to the database, held for every move and for recovery: any move intent found while
/// holding it belongs to a process that died mid-move. The kernel releases it when its holder dies.
/// </summary>
internal static class QuarantineLock
{
    public static FileLock Acquire(string databasePath) =>
        FileLock.Acquire(databasePath + ".lock", UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
