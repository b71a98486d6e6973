using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using SecureStack.Testing;
using Xunit.Abstractions;

namespace SecureStack.Cli.Tests.Deployment;

/// <summary>
/// The first run in a real browser against the trusted-proxy arrangement docker-compose.yml uses: the gateway runs
/// config/openclaw/openclaw.docker.json unchanged but for addresses (trusted-proxy, allowLoopback false, one trusted
/// proxy address, deviceAutoApprove) in a network namespace this test makes, as in its container; the securestack
/// proxy (PROXY_IDENTITY_MODE=trusted-proxy) reaches it over a veth pair from 10.78.16.1, the address OpenClaw trusts.
/// The browser reaches the proxy at a second host-only address, 10.78.17.1, so the proxy's X-Forwarded-For names a
/// client that is neither loopback nor the proxy itself, as Docker's port mapping does (OpenClaw refuses both).
/// Nothing leaves the machine: both addresses exist only on the veth pair.
/// </summary>
public sealed partial class BrowserTrustedProxyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ProxySide = "10.78.16.1";
    private const string GatewaySide = "10.78.16.2";
    private const string BrowserFacing = "10.78.17.1";
    private const int GatewayPort = 18789;
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);

    private readonly string _namespace = "ssb" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    private readonly string _work = Directory.CreateTempSubdirectory("securestack-browser-tp-").FullName;
    private readonly FakeModelProvider _provider = new();
    private readonly List<Process> _processes = [];

    private string HostVeth => _namespace + "h";

    public async Task InitializeAsync()
    {
        if (RootFactAttribute.IsRoot)
        {
            await _provider.StartAsync();
        }
    }

    [RootFact]
    public async Task ComposeTrustedProxyMode_APersonSignsInChatsAndSignsOut_InChromium()
    {
        OpenClawInstall.EnsureInstalled();
        await NetworkAsync();
        var proxyPort = FreePort.Next();
        var origin = $"https://{BrowserFacing}:{proxyPort}";
        var relayKey = "relay-" + Guid.NewGuid().ToString("N");
        var apiToken = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var (cert, key) = await CertificateAsync();

        // The compose config, with compose's addresses swapped for this network's.
        var config = Path.Combine(_work, "openclaw.json");
        var text = await File.ReadAllTextAsync(RepoPaths.DockerOpenClawConfig);
        Assert.Contains("\"172.30.0.10\"", text, StringComparison.Ordinal);
        Assert.Contains("https://proxy:8443/relay/", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, text.Replace("\"172.30.0.10\"", $"\"{ProxySide}\"", StringComparison.Ordinal)
            .Replace("https://proxy:8443/relay/", origin + "/relay/", StringComparison.Ordinal));
        var home = Directory.CreateDirectory(Path.Combine(_work, "home")).FullName;
        var gatewayLog = Path.Combine(_work, "gateway.log");
        Start(gatewayLog, "ip", "netns", "exec", _namespace, "env", "HOME=" + home,
            "PATH=" + OpenClawInstall.NodeBinDirectory + ":/usr/sbin:/usr/bin:/sbin:/bin", "OPENCLAW_CONFIG_PATH=" + config,
            "SECURESTACK_PUBLIC_ORIGIN=" + origin, "RELAY_KEY=" + relayKey, "NODE_EXTRA_CA_CERTS=" + cert,
            "OPENCLAW_DISABLE_BONJOUR=1", "OPENCLAW_NO_RESPAWN=1", "OPENCLAW_SKIP_CHANNELS=1",
            OpenClawInstall.Node, OpenClawInstall.Entry, "gateway", "run");
        await WaitUntilAsync("the gateway's ready line", gatewayLog, () => Task.FromResult(OpenClawGateway.HasReadyLine(ReadOrEmpty(gatewayLog))));

        var proxyLog = Path.Combine(_work, "proxy.log");
        Directory.CreateDirectory(Path.Combine(_work, "audit"));
        Start(proxyLog, "env", "API_TOKEN=" + apiToken, $"UPSTREAM_URL=http://{GatewaySide}:{GatewayPort}", "PROXY_LISTEN=" + origin,
            "PROXY_IDENTITY_MODE=trusted-proxy", "TLS_CERT_PATH=" + cert, "TLS_KEY_PATH=" + key,
            "AUDIT_LOG_PATH=" + Path.Combine(_work, "audit", "proxy.jsonl"), "SECURESTACK_CONFIG_DIR=" + Path.Combine(RepoPaths.Root, "config"),
            "RELAY_PROVIDERS=openai=" + _provider.BaseUrl, "RELAY_KEY=" + relayKey, "RELAY_API_KEY_OPENAI=fake-provider-key",
            "dotnet", Path.Combine(AppContext.BaseDirectory, "securestack.dll"), "proxy");
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync("the proxy's /healthz", proxyLog, async () =>
        {
            try
            {
                return (await http.GetAsync(origin + "/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });

        var marker = await BrowserFirstRun.RunAsync(origin + "/", apiToken, "compose-trusted-proxy", output);
        Assert.Contains(_provider.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(_provider.Requests, r => r.Body.Contains(marker + "-INJ", StringComparison.Ordinal));
        // OpenClaw enrolled the browser's device through the proxy's identity, not through a pasted secret.
        Assert.Contains("trusted-proxy operator device auto-approved", ReadOrEmpty(gatewayLog), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                var children = ProcessRunner.Descendants(process.Id);
                process.Kill(entireProcessTree: true);
                foreach (var child in children)
                {
                    _ = Kill(child, 9);
                }

                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        if (RootFactAttribute.IsRoot)
        {
            // Deleting the namespace deletes the veth pair and both addresses with it.
            await ProcessRunner.RunAsync("ip", ["netns", "del", _namespace], TimeSpan.FromSeconds(30));
        }

        await _provider.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task NetworkAsync()
    {
        var peer = _namespace + "g";
        string[][] commands =
        [
            ["netns", "add", _namespace],
            ["link", "add", HostVeth, "type", "veth", "peer", "name", peer],
            ["link", "set", peer, "netns", _namespace],
            ["addr", "add", ProxySide + "/30", "dev", HostVeth],
            ["addr", "add", BrowserFacing + "/32", "dev", HostVeth],
            ["link", "set", HostVeth, "up"],
            ["-n", _namespace, "addr", "add", GatewaySide + "/30", "dev", peer],
            ["-n", _namespace, "link", "set", peer, "up"],
            ["-n", _namespace, "link", "set", "lo", "up"],
            // The gateway reaches the proxy's relay at the browser-facing address.
            ["-n", _namespace, "route", "add", BrowserFacing + "/32", "via", ProxySide],
        ];
        foreach (var command in commands)
        {
            var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("ip", command, TimeSpan.FromSeconds(30));
            Assert.True(exitCode == 0, $"ip {string.Join(' ', command)}: {stdout}{stderr}");
        }
    }

    private async Task<(string Cert, string Key)> CertificateAsync()
    {
        var cert = Path.Combine(_work, "tls.crt");
        var key = Path.Combine(_work, "tls.key");
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", key, "-out", cert, "-subj", "/CN=securestack-test",
                "-addext", $"subjectAltName=IP:{BrowserFacing}"], TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, stdout + stderr);
        return (cert, key);
    }

    private void Start(string log, string file, params string[] arguments)
    {
        // exec keeps the PID; output goes to a file, not a pipe that could fill.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=$1; shift; exec \"$@\" >\"$log\" 2>&1");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(log);
        start.ArgumentList.Add(file);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _processes.Add(Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}"));
    }

    private async Task WaitUntilAsync(string what, string log, Func<Task<bool>> ready)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(StartBound.TotalSeconds * Stopwatch.Frequency);
        while (!await ready())
        {
            if (_processes.Any(p => p.HasExited) || Stopwatch.GetTimestamp() > deadline)
            {
                var text = ReadOrEmpty(log);
                Assert.Fail($"no {what} within {StartBound.TotalSeconds} s (or a process exited):\n{(text.Length > 4000 ? text[^4000..] : text)}");
            }

            await Task.Delay(500);
        }
    }

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
