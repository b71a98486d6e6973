using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace SecureStack.Testing;

/// <summary>
/// The real OpenClaw gateway (from openclaw/node_modules) on a free 127.0.0.1 port with its own HOME and
/// config, started with <c>gateway run</c>, ready when <c>/health</c> answers, stopped by PID (SIGTERM, then
/// SIGKILL for it and the children it started). About 1.3 GiB and 5–9 s to start: share one per test class.
/// Fault tests kill it (<see cref="KillAsync"/>) and start it again on the same port (<see cref="RestartAsync"/>).
/// </summary>
public sealed partial class OpenClawGateway : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    private Process _process;

    private OpenClawGateway(Process process, int port, string home, string token)
    {
        _process = process;
        Port = port;
        Home = home;
        Token = token;
    }

    public int Port { get; }

    public string Home { get; }

    /// <summary>The gateway token (token mode).</summary>
    public string Token { get; }

    public int Pid => _process.Id;

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public string LogPath => Path.Combine(Home, "gateway.log");

    public static async Task<OpenClawGateway> StartAsync(OpenClawGatewayOptions options, TimeSpan? startTimeout = null)
    {
        OpenClawInstall.EnsureInstalled();
        var home = System.IO.Directory.CreateTempSubdirectory("openclaw-home-").FullName;
        var port = FreePort.Next();
        var token = options.Token ?? "gw-" + Guid.NewGuid().ToString("N");
        System.IO.Directory.CreateDirectory(Path.Combine(home, ".openclaw"));
        await File.WriteAllTextAsync(Path.Combine(home, ".openclaw", "openclaw.json"), Config(options, port, token, home).ToJsonString());

        var gateway = new OpenClawGateway(Launch(home), port, home, token);
        try
        {
            await gateway.WaitHealthyAsync(startTimeout ?? TimeSpan.FromSeconds(90));
            await gateway.WaitSidecarsAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>SIGKILL for the gateway and every process it started, as a crash or the OOM killer would; waits for the exit.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        var children = ProcessRunner.Descendants(_process.Id);
        _ = Kill(_process.Id, SigKill);
        foreach (var child in children)
        {
            _ = Kill(child, SigKill);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Starts the gateway again with the same home, config, token and port, after <see cref="KillAsync"/>.</summary>
    public async Task RestartAsync(TimeSpan? startTimeout = null)
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("the gateway is still running; kill it first");
        }

        _process.Dispose();
        _process = Launch(Home);
        // The shell truncates gateway.log, so the ready line waited for is the new run's.
        await WaitHealthyAsync(startTimeout ?? TimeSpan.FromSeconds(90));
        await WaitSidecarsAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Runs <c>gateway run</c> in <paramref name="home"/>, whose openclaw.json holds the port and token.</summary>
    private static Process Launch(string home)
    {
        // exec keeps the PID: the shell becomes node, and its output goes to a file, not a pipe that could fill.
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec \"$0\" \"$1\" gateway run >\"$2\" 2>&1", OpenClawInstall.Node, OpenClawInstall.Entry, Path.Combine(home, "gateway.log") },
            WorkingDirectory = home,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = home;
        start.Environment["PATH"] = OpenClawInstall.NodeBinDirectory + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["OPENCLAW_DISABLE_BONJOUR"] = "1";
        start.Environment["OPENCLAW_NO_RESPAWN"] = "1";
        start.Environment["OPENCLAW_SKIP_CHANNELS"] = "1";
        foreach (var proxyVariable in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "OPENCLAW_PROXY_URL" })
        {
            start.Environment.Remove(proxyVariable);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the OpenClaw gateway");
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            var children = ProcessRunner.Descendants(_process.Id);
            _ = Kill(_process.Id, SigTerm);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _ = Kill(_process.Id, SigKill);
                await _process.WaitForExitAsync();
            }

            foreach (var child in children)
            {
                _ = Kill(child, SigKill);
            }
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A child may still be closing a file; the temp directory is left behind.
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the OpenClaw gateway exited with {_process.ExitCode}:\n{Tail(ReadLog())}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/health"));
                // /health answers before the sidecars are up; WebSocket connects are refused until the "ready" line.
                if (response.IsSuccessStatusCode && HasReadyLine(ReadLog()))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the OpenClaw gateway did not answer /health within {timeout.TotalSeconds} s:\n{Tail(ReadLog())}");
    }

    /// <summary>
    /// WebSocket connects are answered "UNAVAILABLE, startup-sidecars" for a while after /health: probe with a
    /// bare connect frame until any other answer (success or an auth refusal) comes back.
    /// </summary>
    private async Task WaitSidecarsAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var connect = Encoding.UTF8.GetBytes(
            "{\"type\":\"req\",\"id\":\"probe\",\"method\":\"connect\",\"params\":{\"minProtocol\":4,\"maxProtocol\":4," +
            "\"client\":{\"id\":\"gateway-client\",\"version\":\"0\",\"platform\":\"linux\",\"mode\":\"backend\"},\"role\":\"operator\"," +
            $"\"scopes\":[],\"caps\":[],\"auth\":{{\"token\":\"{Token}\"}}}}}}");
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var socket = new ClientWebSocket();
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Port}/"), attempt.Token);
                await socket.SendAsync(connect, WebSocketMessageType.Text, true, attempt.Token);
                var buffer = new byte[256 * 1024];
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer, attempt.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
                    if (text.Contains("\"id\":\"probe\"", StringComparison.Ordinal))
                    {
                        if (!text.Contains("startup-sidecars", StringComparison.Ordinal))
                        {
                            return;
                        }

                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Try again below.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"the OpenClaw gateway kept refusing WebSocket connects as starting:\n{Tail(ReadLog())}");
    }

    /// <summary>The openclaw.json these tests run the gateway with: the fake provider, HTTP endpoints and hooks on, no background work.</summary>
    public static JsonObject Config(OpenClawGatewayOptions options, int port, string token, string home)
    {
        JsonObject auth = options.AuthMode == "token"
            ? new() { ["mode"] = "token", ["token"] = token }
            : new()
            {
                ["mode"] = "trusted-proxy",
                ["identityScopes"] = new JsonObject(options.IdentityScopes.Select(p =>
                    KeyValuePair.Create<string, JsonNode?>(p.Key, new JsonArray([.. p.Value.Select(s => (JsonNode)s)])))),
                ["trustedProxy"] = new JsonObject
                {
                    ["userHeader"] = options.UserHeader,
                    ["allowLoopback"] = options.AllowLoopback,
                    ["deviceAutoApprove"] = new JsonObject { ["enabled"] = true },
                },
            };
        var gateway = new JsonObject
        {
            ["mode"] = "local",
            ["port"] = port,
            ["bind"] = "loopback",
            ["auth"] = auth,
            ["http"] = new JsonObject
            {
                ["endpoints"] = new JsonObject
                {
                    ["chatCompletions"] = new JsonObject { ["enabled"] = true },
                    ["responses"] = new JsonObject { ["enabled"] = true },
                },
            },
        };
        if (options.TrustedProxies.Count > 0)
        {
            gateway["trustedProxies"] = new JsonArray([.. options.TrustedProxies.Select(p => (JsonNode)p)]);
        }

        if (options.AllowedOrigins.Count > 0)
        {
            gateway["controlUi"] = new JsonObject { ["allowedOrigins"] = new JsonArray([.. options.AllowedOrigins.Select(o => (JsonNode)o)]) };
        }

        var model = new JsonObject
        {
            ["id"] = FakeModelProvider.ModelId, ["name"] = "Fake Model", ["reasoning"] = false, ["input"] = new JsonArray("text"),
            ["cost"] = new JsonObject { ["input"] = 0, ["output"] = 0, ["cacheRead"] = 0, ["cacheWrite"] = 0 },
            ["contextWindow"] = 128000, ["maxTokens"] = 4096,
        };
        return new JsonObject
        {
            ["gateway"] = gateway,
            ["hooks"] = new JsonObject { ["enabled"] = true, ["token"] = options.HooksToken, ["path"] = "/hooks" },
            ["models"] = new JsonObject
            {
                ["mode"] = "merge",
                ["catalogRefresh"] = new JsonObject { ["enabled"] = false },
                ["providers"] = new JsonObject
                {
                    ["fake"] = new JsonObject
                    {
                        ["baseUrl"] = options.ProviderBaseUrl, ["apiKey"] = "fake-key", ["api"] = "openai-completions",
                        ["models"] = new JsonArray(model),
                    },
                },
            },
            ["agents"] = new JsonObject
            {
                ["defaults"] = new JsonObject
                {
                    ["model"] = new JsonObject { ["primary"] = "fake/" + FakeModelProvider.ModelId },
                    ["heartbeat"] = new JsonObject { ["every"] = "0m" },
                },
            },
            ["discovery"] = new JsonObject { ["mdns"] = new JsonObject { ["mode"] = "off" } },
            ["logging"] = new JsonObject { ["file"] = Path.Combine(home, "openclaw.log") },
            ["update"] = new JsonObject { ["checkOnStart"] = false },
        };
    }

    private static string Tail(string log) => log.Length <= 4000 ? log : log[^4000..];

    /// <summary>
    /// Whether the gateway log has its "[gateway] ready" line (only colour codes between), which comes after the
    /// sidecars; "[gateway] spawn broker ready" comes about 10 s earlier and does not count.
    /// </summary>
    public static bool HasReadyLine(string log) => ReadyLine().IsMatch(log);

    [System.Text.RegularExpressions.GeneratedRegex(@"\[gateway\](?:\x1b\[[0-9;]*m|\s)*ready")]
    private static partial System.Text.RegularExpressions.Regex ReadyLine();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
