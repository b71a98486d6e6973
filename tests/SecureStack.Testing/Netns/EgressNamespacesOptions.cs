namespace SecureStack.Testing.Netns;

/// <summary>What <see cref="EgressNamespaces"/> builds: the CLI to run, the allowlist, and the fake internet's names.</summary>
public sealed record EgressNamespacesOptions
{
    /// <summary>The real <c>securestack.dll</c> (render and proxy run from it).</summary>
    public required string CliDll { get; init; }

    /// <summary>Lines of the allowlist file the proxy and the rendered dnsmasq and nftables use.</summary>
    public required IReadOnlyList<string> Allowlist { get; init; }

    /// <summary>Names the fake internet's DNS answers, each with its address in 198.18.0.0/15 (added to the inet namespace).</summary>
    public required IReadOnlyDictionary<string, string> InetHosts { get; init; }
}
