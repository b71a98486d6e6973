namespace SecureStack.Security.Tests.Faults;

/// <summary>A fact that needs root (mounting a file system); skipped, saying so, for anyone else.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: it mounts a small tmpfs as the audit volume";
        }
    }
}
