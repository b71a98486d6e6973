using Xunit;

namespace SecureStack.Testing;

/// <summary>A fact that needs root (network namespaces, nftables); skipped with the reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!IsRoot)
        {
            Skip = "needs root: creates network namespaces and loads nftables rules (run the tests as root, as .ci/run does)";
        }
    }

    /// <summary>Whether this process runs as root (fixtures that build namespaces check it before doing anything).</summary>
    public static bool IsRoot => Environment.UserName == "root" || IsEffectiveRoot();

    private static bool IsEffectiveRoot() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, _, "0", ..];
}
