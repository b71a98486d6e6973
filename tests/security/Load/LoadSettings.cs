using System.Globalization;

namespace SecureStack.Security.Tests.Load;

/// <summary>
/// The shape of the mixed load: keep-alive HTTP connections and WebSocket connections, each paced at its own
/// steady rate. <see cref="FromEnvironment"/> reads the duration from SECURESTACK_LOAD_SECONDS (CI default 60).
/// </summary>
internal sealed record LoadSettings
{
    public const string DurationVariable = "SECURESTACK_LOAD_SECONDS";

    public int HttpConnections { get; init; } = 8;

    public double RequestsPerConnectionPerSecond { get; init; } = 50;

    public int WebSockets { get; init; } = 16;

    public double MessagesPerSocketPerSecond { get; init; } = 10;

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public double TargetRate => (HttpConnections * RequestsPerConnectionPerSecond) + (WebSockets * MessagesPerSocketPerSecond);

    public static LoadSettings FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(DurationVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return new LoadSettings();
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 10
            ? new LoadSettings { Duration = TimeSpan.FromSeconds(seconds) }
            : throw new InvalidOperationException($"{DurationVariable}=\"{value}\" must be a whole number of seconds, at least 10.");
    }
}
