using System.Net;
using SecureStack.Egress.Addresses;

namespace SecureStack.Egress.Proxy;

/// <summary>Settings of the CONNECT proxy; <see cref="Validate"/> names the option at fault.</summary>
public sealed record EgressProxyOptions
{
    /// <summary>Where the proxy listens (<c>--listen</c>).</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>Client connections handled at once; more are refused with 503 (<c>--max-tunnels</c>).</summary>
    public int MaxTunnels { get; init; } = 256;

    /// <summary>A tunnel with no bytes either way for this long is closed (<c>--idle-timeout</c>).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time a client has to send its request head.</summary>
    public TimeSpan HeaderTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time for resolving the target name.</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time for the TCP connection to the target.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest request head accepted (request line plus headers).</summary>
    public int MaxHeaderBytes { get; init; } = 16 * 1024;

    /// <summary>Which resolved addresses may be connected to.</summary>
    public AddressPolicy AddressPolicy { get; init; } = AddressPolicy.Default;

    public void Validate()
    {
        if (MaxTunnels < 1)
        {
            throw new ArgumentException($"--max-tunnels must be at least 1 (got {MaxTunnels})");
        }

        if (IdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--idle-timeout must be positive (got {IdleTimeout})");
        }

        if (HeaderTimeout <= TimeSpan.Zero || ResolveTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("header, resolve and connect timeouts must be positive");
        }

        if (MaxHeaderBytes < 1024)
        {
            throw new ArgumentException($"MaxHeaderBytes must be at least 1024 (got {MaxHeaderBytes})");
        }
    }
}
