using System.Globalization;
using System.Text.Json.Nodes;
using SecureStack.Testing;

namespace SecureStack.Cli.Tests.Logging;

/// <summary>
/// The three long-running services (proxy, egress proxy, watcher), each started as the real <c>securestack</c>
/// process on loopback, write one log format: JSON lines with the same keys, the message's named values under State.
/// </summary>
public sealed class ServiceLogFormatTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly string[] Keys = ["Category", "EventId", "LogLevel", "Message", "State", "Timestamp"];

    private readonly string _dir = Directory.CreateTempSubdirectory("securestack-logs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("proxy", 3001, "Upstream")]
    [InlineData("egress", 2001, "EntryCount")]
    [InlineData("watch", ServiceLogLine.RootsSwept, "SkillCount")]
    public void Service_WritesJsonLinesWithTheSharedKeys(string service, int eventId, string field)
    {
        using var cli = Start(service);

        var line = cli.WaitForLine(l => ServiceLogLine.IsEvent(l, eventId), Deadline);

        var entry = ServiceLogLine.Parse(line)!;
        Assert.Equal(Keys, entry.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Information", (string?)entry["LogLevel"]);
        Assert.StartsWith("SecureStack.", (string?)entry["Category"], StringComparison.Ordinal);
        var timestamp = (string)entry["Timestamp"]!;
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), timestamp);
        var state = Assert.IsType<JsonObject>(entry["State"]);
        Assert.NotNull(state[field]);
        Assert.Contains("{" + field + "}", (string?)state["{OriginalFormat}"], StringComparison.Ordinal);
        Assert.All(cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.NotNull(ServiceLogLine.Parse(l)));
    }

    private SecureStackCli Start(string service)
    {
        var env = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(_dir, "home"),
            ["AUDIT_LOG_PATH"] = Path.Combine(_dir, "audit.jsonl"),
            ["SECURESTACK_CONFIG_DIR"] = SecureStackCli.ConfigDirectory,
        };
        switch (service)
        {
            case "proxy":
                env["API_TOKEN"] = "log-format-test-token-0123456789";
                env["UPSTREAM_URL"] = "http://127.0.0.1:9";
                env["PROXY_LISTEN"] = $"http://127.0.0.1:{FreePort.Next()}";
                return SecureStackCli.Start(env, "proxy");
            case "egress":
                var allowlist = Path.Combine(_dir, "egress-allowlist.conf");
                File.WriteAllText(allowlist, "api.anthropic.com\n");
                return SecureStackCli.Start(env, "egress", "proxy", "--listen", $"127.0.0.1:{FreePort.Next()}", "--allowlist", allowlist);
            default:
                var root = Directory.CreateDirectory(Path.Combine(_dir, "skills")).FullName;
                env["SECURESTACK_DB"] = Path.Combine(_dir, "state", "q.db");
                env["SECURESTACK_QUARANTINE_DIR"] = Path.Combine(_dir, "quarantine");
                env["SECURESTACK_SKILL_ROOTS"] = root;
                return SecureStackCli.Start(env, "watch", "--settle", "100", "--sweep", "1");
        }
    }
}
