using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SecureStack.Testing;

namespace SecureStack.Cli.Tests.Deployment;

/// <summary>
/// install.sh --local checks every port before any download or build (issue 16, item 9): with a port taken on
/// 127.0.0.1 it fails within seconds, naming the port and the .env setting to change. The script runs from a
/// folder holding only install.sh and .env.example, so anything past the check would fail differently.
/// </summary>
public sealed class InstallPortsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("securestack-ports-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("gateway", "(the OpenClaw gateway)", "OPENCLAW_PORT=")]
    [InlineData("proxy", "(the securestack proxy)", "PROXY_LISTEN=https://127.0.0.1:")]
    public async Task TakenPort_FailsWithinSeconds_NamingThePortAndTheSetting(string taken, string what, string setting)
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var busy = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var free = FreePort.Next();
        var (gateway, proxy) = taken == "gateway" ? (busy, free) : (free, busy);
        File.Copy(Path.Combine(RepoPaths.Root, "install.sh"), Path.Combine(_dir, "install.sh"));
        File.Copy(Path.Combine(RepoPaths.Root, ".env.example"), Path.Combine(_dir, ".env.example"));
        File.WriteAllText(Path.Combine(_dir, ".env"), $"OPENCLAW_PORT={gateway}\nPROXY_LISTEN=https://127.0.0.1:{proxy}\n");

        var clock = Stopwatch.StartNew();
        var (exit, output) = await RunAsync(Path.Combine(_dir, "install.sh"), "--local");
        clock.Stop();

        Assert.True(exit != 0, output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains($"ERROR: port {busy} {what} is taken by another program", output, StringComparison.Ordinal);
        Assert.Contains(setting, output[output.IndexOf("ERROR:", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("installing Node", output, StringComparison.Ordinal);
        Assert.DoesNotContain("building the securestack CLI", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments)
    {
        var (exitCode, output, error) = await ProcessRunner.RunAsync("bash", [script, .. arguments], TimeSpan.FromMinutes(2));
        return (exitCode, output + error);
    }
}
