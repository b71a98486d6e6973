using Xunit;

namespace SecureStack.Testing;

/// <summary>A fact that needs root (network namespaces, nftables, mounts); skipped, saying so, for anyone else.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!IsRoot)
        {
            Skip = "needs root: creates network namespaces, loads nftables rules or mounts a tmpfs (run the tests as root, as .ci/run does)";
        }
    }

    /// <summary>Whether this process runs as root (fixtures that build namespaces check it before doing anything).</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess;
}
