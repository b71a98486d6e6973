namespace SecureStack.Egress.Tests;

/// <summary>A fact that needs root (network namespaces, nftables); skipped with the reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root" && !IsEffectiveRoot())
        {
            Skip = "needs root: creates network namespaces and loads nftables rules (run the tests as root, as .ci/run does)";
        }
    }

    private static bool IsEffectiveRoot() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, _, "0", ..];
}
