using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SecureStack.Security.Tests.Stack;

namespace SecureStack.Security.Tests.Scenarios;

/// <summary>
/// The whole stack wired as <c>install.sh --local</c> wires it, started once for every scenario class: the real
/// OpenClaw gateway in token mode behind <c>securestack proxy</c> (a child process, token identity mode); the
/// gateway's model provider pointed at the proxy's relay (<c>/relay/fake/v1</c>, authenticated with RELAY_KEY),
/// which forwards with the provider's own key to the C# fake provider; OpenClaw's install policy running
/// <c>securestack install-policy</c>; and <c>securestack watch</c> on every skill root. Proxy, watcher and install
/// policy share one audit log and the quarantine database.
/// </summary>
public sealed class SecureStackFixture : IAsyncLifetime
{
    public const string RelayPath = "/relay/fake/v1";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

    private SecureStackCli? _watcher;

    public FakeModelProvider Provider { get; } = new();

    public OpenClawGateway Gateway { get; private set; } = null!;

    internal ProxyProcess Proxy { get; private set; } = null!;

    internal SecureStackCli Watcher => _watcher!;

    public string ClientToken { get; } = Secret("client-");

    public string RelayKey { get; } = Secret("relay-");

    public string ProviderKey { get; } = Secret("provider-");

    public string HooksToken { get; } = Secret("hooks-");

    public string State { get; } = Directory.CreateTempSubdirectory("securestack-stack-").FullName;

    public string AuditLogPath => Path.Combine(State, "audit", "audit.jsonl");

    public string DatabasePath => Path.Combine(State, "securestack.db");

    public string QuarantineDirectory => Path.Combine(State, "quarantine");

    /// <summary>~/.openclaw/skills: OpenClaw's managed root.</summary>
    public string ManagedSkills => Path.Combine(Gateway.Home, ".openclaw", "skills");

    /// <summary>&lt;workspace&gt;/skills: the highest-precedence root, where <c>openclaw skills install</c> puts skills.</summary>
    public string WorkspaceSkills => Path.Combine(Gateway.Home, ".openclaw", "workspace", "skills");

    /// <summary>Every root OpenClaw loads skills from except the bundled ones (OPENCLAW.md, "Skills"), as install.sh lists them.</summary>
    public IReadOnlyList<string> SkillRoots =>
    [
        WorkspaceSkills,
        Path.Combine(Gateway.Home, ".openclaw", "workspace", ".agents", "skills"),
        Path.Combine(Gateway.Home, ".agents", "skills"),
        ManagedSkills,
    ];

    /// <summary>The environment the quarantine side of the stack (watcher, install policy, quarantine and audit commands) runs with.</summary>
    public IReadOnlyDictionary<string, string> QuarantineEnvironment => new Dictionary<string, string>
    {
        ["HOME"] = Gateway.Home,
        ["SECURESTACK_DB"] = DatabasePath,
        ["SECURESTACK_QUARANTINE_DIR"] = QuarantineDirectory,
        ["SECURESTACK_CONFIG_DIR"] = SecureStackCli.ConfigDirectory,
        ["SECURESTACK_SKILL_ROOTS"] = string.Join(':', SkillRoots),
        ["AUDIT_LOG_PATH"] = AuditLogPath,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(AuditLogPath)!);
        await Provider.StartAsync();

        // The gateway must exist before the proxy can name it as its upstream, and the proxy before the gateway's
        // provider can point at the relay: start the gateway with a provider nobody listens on, then repoint it
        // (models and the install policy hot-apply without a gateway restart).
        Gateway = await OpenClawGateway.StartAsync(new OpenClawGatewayOptions
        {
            ProviderBaseUrl = $"http://127.0.0.1:{FreePort.Next()}{RelayPath}",
            HooksToken = HooksToken,
        });
        foreach (var root in SkillRoots)
        {
            Directory.CreateDirectory(root);
        }

        Proxy = await ProxyProcess.StartAsync(new Dictionary<string, string>
        {
            ["UPSTREAM_URL"] = $"http://127.0.0.1:{Gateway.Port}",
            ["AUDIT_LOG_PATH"] = AuditLogPath,
            ["API_TOKEN"] = ClientToken,
            ["PROXY_IDENTITY_MODE"] = "token",
            ["OPENCLAW_GATEWAY_TOKEN"] = Gateway.Token,
            ["RELAY_PROVIDERS"] = "fake=" + Provider.BaseUrl,
            ["RELAY_KEY"] = RelayKey,
            ["RELAY_API_KEY_FAKE"] = ProviderKey,
            ["PROXY_UPSTREAM_TIMEOUT_SECONDS"] = "120",
            // The bypass table presents dozens of wrong tokens from one address; the lockout has tests of its own.
            ["PROXY_LOCKOUT_THRESHOLD"] = "1000",
        });

        _watcher = SecureStackCli.Start(QuarantineEnvironment, "watch", "--settle", "300", "--sweep", "2");
        _watcher.WaitForLine(l => ServiceLogLine.IsEvent(l, ServiceLogLine.RootsSwept), StartDeadline);

        await RewireGatewayAsync();
        await WaitForTheRelayAsync();
    }

    public async Task DisposeAsync()
    {
        _watcher?.Dispose();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        await Provider.DisposeAsync();
        Directory.Delete(State, recursive: true);
    }

    /// <summary>An HTTP client for the proxy carrying the client token.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Proxy.Url, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClientToken);
        return client;
    }

    /// <summary>Every audit record so far (proxy, watcher and install policy), as JSON.</summary>
    public IReadOnlyList<JsonObject> AuditRecords() =>
        File.Exists(AuditLogPath)
            ? [.. ReadShared(AuditLogPath).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!)]
            : [];

    public IReadOnlyList<JsonObject> AuditRecords(string eventType) =>
        [.. AuditRecords().Where(r => (string?)r["event_type"] == eventType)];

    /// <summary>The number of audit records so far, to look only at what a scenario added.</summary>
    public int AuditCount => AuditRecords().Count;

    /// <summary>The file as it is now, while other processes hold it open for appending.</summary>
    public static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Production's provider (OPENCLAW.md, config/openclaw/openclaw.local.json): the relay with RELAY_KEY as its
    /// key, and <c>securestack install-policy</c> as OpenClaw's install policy.
    /// </summary>
    private async Task RewireGatewayAsync()
    {
        var path = Path.Combine(Gateway.Home, ".openclaw", "openclaw.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var provider = config["models"]!["providers"]!["fake"]!.AsObject();
        provider["baseUrl"] = new Uri(Proxy.Url, RelayPath).ToString();
        provider["apiKey"] = RelayKey;
        config["security"] = new JsonObject
        {
            ["installPolicy"] = new JsonObject
            {
                ["enabled"] = true,
                ["exec"] = new JsonObject { ["source"] = "exec", ["command"] = SecureStackCli.WriteInstallPolicyScript(State, QuarantineEnvironment), ["timeoutMs"] = 60000 },
            },
        };
        await File.WriteAllTextAsync(path, config.ToJsonString());
    }

    /// <summary>Chats through the proxy until the gateway has picked up the relay and a turn reaches the provider through it.</summary>
    private async Task WaitForTheRelayAsync()
    {
        using var client = Client();
        var deadline = Stopwatch.GetTimestamp() + (long)(StartDeadline.TotalSeconds * Stopwatch.Frequency);
        var last = "";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var marker = "warm-up-" + Guid.NewGuid().ToString("N")[..8];
            using var response = await client.PostAsync("/v1/chat/completions", ChatBody(marker));
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (Provider.Requests.Any(r => r.Body.Contains(marker, StringComparison.Ordinal) && r.Header("authorization") == "Bearer " + ProviderKey))
            {
                return;
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"no chat turn reached the provider through the relay; last answer {last}\n{Proxy.ReadOutput()}\n{Gateway.ReadLog()}");
    }

    public static StringContent ChatBody(string text) => new(new JsonObject
    {
        ["model"] = "openclaw/default",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
    }.ToJsonString(), Encoding.UTF8, "application/json");

    private static string Secret(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
