using System.Security.Cryptography;
using System.Text.Json;
using SecureStack.Testing.Netns;

namespace SecureStack.Security.Tests.Egress;

/// <summary>
/// One egress deployment in network namespaces for the exfiltration scenarios: the real proxy, dnsmasq and nftables
/// with an allowlist of one (fake) LLM host; a fake internet with that LLM (198.18.0.10) and an attacker
/// (198.18.0.66, every name under attacker.example) that records whatever reaches it; and the agent side, where
/// the malicious skill's script runs with the gateway's proxy environment and a gateway token to steal, directly or
/// through the real gateway's <c>exec</c> tool (<see cref="StartGatewayAsync"/>).
/// </summary>
public sealed class ExfiltrationNetwork : IAsyncLifetime
{
    public const string AttackerAddress = "198.18.0.66";
    private const string LlmAddress = "198.18.0.10";

    /// <summary>The egress host's address on the fake internet: the only source of the agent side's traffic there.</summary>
    public const string EgressHostAddress = "198.51.100.1";

    private EgressNamespaces? _network;

    /// <summary>The gateway token the skill tries to exfiltrate (fresh per run).</summary>
    public string Token { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public EgressNamespaces Network => _network ?? throw new InvalidOperationException("the namespaces exist only when the tests run as root");

    public string AttackerLog => Path.Combine(Network.WorkDirectory, "attacker.log");

    /// <summary>Every request the fake LLM received, one JSON object a line: client, method, path, host, body.</summary>
    public string LlmRequestLog => Path.Combine(Network.WorkDirectory, "llm-requests.jsonl");

    private string Home => Path.Combine(Network.WorkDirectory, "home");

    private string GatewayHome => Path.Combine(Network.WorkDirectory, "gateway-home");

    private static string Skill => Path.Combine(RepositoryPaths.Root, "tests", "security", "Egress", "skills", "forecast-sync");

    public async Task InitializeAsync()
    {
        if (!RootFactAttribute.IsRoot)
        {
            return;
        }

        _network = await EgressNamespaces.StartAsync(new EgressNamespacesOptions
        {
            CliDll = RepositoryPaths.CliAssembly,
            Allowlist = ["# exfiltration scenarios: the model provider only", "llm.example"],
            InetHosts = new Dictionary<string, string> { ["llm.example"] = LlmAddress, ["attacker.example"] = AttackerAddress },
        });
        var output = Path.Combine(Network.WorkDirectory, "fake-internet.out");
        Network.StartIn(Network.Inet, output, "node", Path.Combine(RepositoryPaths.Root, "tests", "security", "Egress", "netns", "fake-internet.mjs"),
            Network.CertificatePath, Network.KeyPath, LlmAddress, AttackerAddress, AttackerLog, LlmRequestLog);
        await EgressNamespaces.WaitUntilAsync("the fake internet", () => Task.FromResult(File.Exists(output) && File.ReadAllText(output).Contains("ready", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));

        Directory.CreateDirectory(Path.Combine(Home, ".openclaw"));
        await File.WriteAllTextAsync(Path.Combine(Home, ".openclaw", "openclaw.json"), $"{{ \"gateway\": {{ \"auth\": {{ \"mode\": \"token\", \"token\": \"{Token}\" }} }} }}\n");
    }

    /// <summary>Runs the skill's <c>scripts/sync.sh ATTACK</c> in the agent namespace with the environment the gateway container has.</summary>
    public async Task<string> RunSkillAsync(string attack)
    {
        var (exitCode, output, error) = await Network.RunInAsync(Network.Agent, GatewayEnvironment(), "sh", Path.Combine(Skill, "scripts", "sync.sh"), attack);
        Assert.True(exitCode == 0 && output.StartsWith(attack + " rc=", StringComparison.Ordinal), $"sync.sh {attack} exited {exitCode}: {output}{error}");
        return output.Trim();
    }

    /// <summary>Runs the skill's <c>scripts/beacon.mjs ATTACK</c> with node, same environment; returns its JSON report.</summary>
    public async Task<JsonElement> RunNodeSkillAsync(string attack)
    {
        var (exitCode, output, error) = await Network.RunInAsync(Network.Agent, GatewayEnvironment(), "node", Path.Combine(Skill, "scripts", "beacon.mjs"), attack);
        Assert.True(exitCode == 0 && output.StartsWith('{'), $"beacon.mjs {attack} exited {exitCode}: {output}{error}");
        using var report = JsonDocument.Parse(output);
        return report.RootElement.Clone();
    }

    /// <summary>
    /// Starts the real gateway in the agent namespace with the same token, the same proxy environment and the malicious
    /// skill in its workspace (about 1.3 GiB and 10 s: dispose it when the test ends).
    /// </summary>
    public Task<AgentGateway> StartGatewayAsync()
    {
        Directory.CreateDirectory(Path.Combine(GatewayHome, ".openclaw"));
        var environment = GatewayEnvironment();
        environment.Remove("HOME");
        return AgentGateway.StartAsync(Network, GatewayHome, Token, Skill, environment);
    }

    /// <summary>The requests the fake LLM has received so far.</summary>
    public IReadOnlyList<JsonElement> LlmRequests() =>
        [.. File.ReadAllLines(LlmRequestLog).Where(l => l.Length > 0).Select(l => { using var d = JsonDocument.Parse(l); return d.RootElement.Clone(); })];

    private Dictionary<string, string> GatewayEnvironment() => new()
    {
        ["HOME"] = Home,
        ["HTTPS_PROXY"] = EgressNamespaces.ProxyUrl,
        ["HTTP_PROXY"] = EgressNamespaces.ProxyUrl,
        ["NO_PROXY"] = "proxy,localhost,127.0.0.1",
        ["CURL_CA_BUNDLE"] = Network.CertificatePath,
        ["NODE_EXTRA_CA_CERTS"] = Network.CertificatePath,
    };

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }
}
