using System.Diagnostics;
using System.Text.Json.Nodes;
using SecureStack.Testing.Netns;

namespace SecureStack.Security.Tests.Egress;

/// <summary>
/// The real OpenClaw gateway inside the agent namespace, as the gateway container runs behind the egress proxy:
/// its own HOME (openclaw.json in token mode, the model provider at <c>https://llm.example/v1</c>, one workspace
/// skill), the container's proxy environment, and no route out but the proxy. It listens on 127.0.0.1 in that
/// namespace, so it is driven with curl run there. Stopped by PID (and every process it started) on dispose.
/// </summary>
public sealed class AgentGateway : IAsyncDisposable
{
    private const int Port = 18789;
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan TurnBound = TimeSpan.FromSeconds(120);

    private readonly EgressNamespaces _network;
    private readonly Process _process;
    private readonly string _token;

    private AgentGateway(EgressNamespaces network, Process process, string home, string token)
    {
        _network = network;
        _process = process;
        Home = home;
        _token = token;
    }

    public string Home { get; }

    /// <summary>Where the skill is installed: <c>&lt;HOME&gt;/.openclaw/workspace/skills/&lt;name&gt;</c>.</summary>
    public string SkillDirectory(string name) => Path.Combine(Home, ".openclaw", "workspace", "skills", name);

    public string LogPath => Path.Combine(Home, "gateway.log");

    /// <summary>Writes the config, copies <paramref name="skill"/> into the workspace skills, starts the gateway and waits for its ready line.</summary>
    public static async Task<AgentGateway> StartAsync(EgressNamespaces network, string home, string token, string skill, IReadOnlyDictionary<string, string> environment)
    {
        OpenClawInstall.EnsureInstalled();
        var skills = Path.Combine(home, ".openclaw", "workspace", "skills");
        CopyDirectory(skill, Path.Combine(skills, Path.GetFileName(skill)));
        // No tools.* keys: with no tools.profile the agent is offered exec, and tools.exec.mode defaults to full (no
        // approval) with host auto, which is the gateway itself while no sandbox is configured.
        var config = OpenClawGateway.Config(new OpenClawGatewayOptions { ProviderBaseUrl = "https://llm.example/v1" }, Port, token, home);
        await File.WriteAllTextAsync(Path.Combine(home, ".openclaw", "openclaw.json"), config.ToJsonString());

        string[] variables =
        [
            "HOME=" + home,
            "PATH=" + OpenClawInstall.NodeBinDirectory + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "OPENCLAW_DISABLE_BONJOUR=1", "OPENCLAW_NO_RESPAWN=1", "OPENCLAW_SKIP_CHANNELS=1",
            .. environment.Select(e => $"{e.Key}={e.Value}"),
        ];
        var process = network.StartIn(network.Agent, Path.Combine(home, "gateway.log"), "env", [.. variables, OpenClawInstall.Node, OpenClawInstall.Entry, "gateway", "run"]);
        var gateway = new AgentGateway(network, process, home, token);
        try
        {
            await gateway.WaitReadyAsync();
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>One chat turn through <c>POST /v1/chat/completions</c>; returns the HTTP status and body.</summary>
    public async Task<(string Status, string Body)> ChatAsync(string message)
    {
        var body = new JsonObject
        {
            ["model"] = "openclaw/default",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = message }),
        };
        var (exitCode, output, error) = await _network.RunInAsync(_network.Agent, new Dictionary<string, string>(), TurnBound + TimeSpan.FromSeconds(10),
            "curl", "-sS", "--max-time", ((int)TurnBound.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-w", "\n%{http_code}", "-H", "Authorization: Bearer " + _token, "-H", "Content-Type: application/json",
            "--data", body.ToJsonString(), $"http://127.0.0.1:{Port}/v1/chat/completions");
        Assert.True(exitCode == 0, $"the chat turn failed (curl exit {exitCode}): {output}{error}\n{Tail(ReadLog())}");
        var split = output.LastIndexOf('\n');
        return (output[(split + 1)..].Trim(), output[..split]);
    }

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public async ValueTask DisposeAsync() => await _network.StopAsync(_process);

    private async Task WaitReadyAsync()
    {
        var none = new Dictionary<string, string>();
        try
        {
            await EgressNamespaces.WaitUntilAsync("the OpenClaw gateway in the agent namespace", async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"the OpenClaw gateway exited with {_process.ExitCode}:\n{Tail(ReadLog())}");
                }

                // /health answers before the sidecars are up; the "[gateway] ready" line comes after them.
                return OpenClawGateway.HasReadyLine(ReadLog())
                    && (await _network.RunInAsync(_network.Agent, none, "curl", "-sf", "-o", "/dev/null", "--max-time", "2", $"http://127.0.0.1:{Port}/health")).ExitCode == 0;
            }, StartBound);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}:\n{Tail(ReadLog())}", e);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static string Tail(string log) => log.Length <= 4000 ? log : log[^4000..];
}
