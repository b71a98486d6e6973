using System.CommandLine;
using SecureStack.Proxy.Metrics;

namespace SecureStack.Cli.Commands;

/// <summary>
/// <c>--metrics-listen http://IP:port</c> of the long-running commands (egress proxy, watch): off unless given or set in
/// the environment variable, like the proxy's PROXY_METRICS_LISTEN, and served on its own listener without auth.
/// </summary>
internal static class MetricsListenOption
{
    public static Option<string?> Create(string variable) => new("--metrics-listen")
    {
        Description = $"Serve Prometheus metrics as GET /metrics on this http://IP:port, no auth: keep it on loopback or a monitoring-only network (default: ${variable}; unset: off).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null,
    };

    /// <summary>Starts the listener when the option has a value; null (nothing to dispose) when metrics are off.</summary>
    /// <exception cref="ArgumentException">The value is not an http://IP:port address.</exception>
    public static async Task<MetricsListener?> StartAsync(ParseResult parse, Option<string?> option, string service, IEnumerable<string> meters, CancellationToken cancellationToken)
    {
        if (parse.GetValue(option) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var address))
        {
            throw new ArgumentException($"--metrics-listen: \"{text}\" is not http://IP:port (for example http://127.0.0.1:9464)");
        }

        return await MetricsListener.StartAsync(address, "--metrics-listen", service, meters, cancellationToken).ConfigureAwait(false);
    }
}
