using System.Diagnostics;
using System.Globalization;

namespace SecureStack.Testing.Netns;

/// <summary>
/// The Compose egress design in three network namespaces this fixture creates (needs root), no traffic off-box:
/// <c>agent</c> (the gateway's side: 10.77.0.2, no route out, DNS pointed at the egress host), <c>egress</c>
/// (the real <c>securestack egress proxy</c> on 10.77.0.1:3128 with the dnsmasq configuration and nftables ruleset
/// that <c>securestack egress render</c> writes) and <c>inet</c> (a fake internet on 198.18.0.0/15 with its own
/// DNS server, which logs every query it receives). Processes are started and stopped by PID; the namespaces,
/// their resolv.conf files and the work folder are removed on dispose.
/// </summary>
public sealed class EgressNamespaces : IAsyncDisposable
{
    public const string AgentAddress = "10.77.0.2";
    public const string ProxyUrl = "http://10.77.0.1:3128";
    private const string EgressAddress = "10.77.0.1";
    private const string UpstreamDnsAddress = "198.51.100.254";
    private static readonly TimeSpan CommandBound = TimeSpan.FromSeconds(30);

    private readonly List<Process> _processes = [];

    private EgressNamespaces(string prefix, string work)
    {
        Prefix = prefix;
        WorkDirectory = work;
    }

    public string Prefix { get; }

    public string WorkDirectory { get; }

    public string Agent => Prefix + "-agent";

    public string Egress => Prefix + "-egress";

    public string Inet => Prefix + "-inet";

    public string AuditLogPath => Path.Combine(WorkDirectory, "audit", "audit.jsonl");

    /// <summary>Self-signed certificate for every name in <see cref="EgressNamespacesOptions.InetHosts"/>, and its key.</summary>
    public string CertificatePath => Path.Combine(WorkDirectory, "cert.pem");

    public string KeyPath => Path.Combine(WorkDirectory, "key.pem");

    /// <summary>The fake internet's DNS server's query log: what reached the "public" DNS.</summary>
    public string UpstreamDnsLog => Path.Combine(WorkDirectory, "inet-dns.log");

    public string EgressDnsLog => Path.Combine(WorkDirectory, "egress-dns.log");

    public string ProxyLog => Path.Combine(WorkDirectory, "proxy.log");

    public static async Task<EgressNamespaces> StartAsync(EgressNamespacesOptions options)
    {
        var prefix = "sx" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var network = new EgressNamespaces(prefix, Directory.CreateTempSubdirectory(prefix + "-").FullName);
        try
        {
            await network.BuildAsync(options);
            return network;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            // The work folder goes with the namespaces: keep what its logs said in the error.
            var logs = string.Join('\n', Directory.GetFiles(network.WorkDirectory, "*.log").Concat(Directory.GetFiles(network.WorkDirectory, "*.out"))
                .Select(f => $"--- {Path.GetFileName(f)}:\n{File.ReadAllText(f)}"));
            await network.DisposeAsync();
            throw new InvalidOperationException($"{e.Message}\n{logs}", e);
        }
    }

    /// <summary>Runs a command inside a namespace with extra environment variables and a time bound.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunInAsync(string ns, IReadOnlyDictionary<string, string> environment, string file, params string[] arguments) =>
        RunInAsync(ns, environment, CommandBound, file, arguments);

    /// <summary>Runs a command inside a namespace with extra environment variables and the given time bound.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunInAsync(string ns, IReadOnlyDictionary<string, string> environment, TimeSpan bound, string file, params string[] arguments) =>
        ProcessRunner.RunAsync("ip", ["netns", "exec", ns, "env", .. environment.Select(e => $"{e.Key}={e.Value}"), file, .. arguments], bound);

    /// <summary>Starts a long-running process inside a namespace, its output appended to <paramref name="log"/>; stopped on dispose or by <see cref="StopAsync"/>.</summary>
    public Process StartIn(string ns, string log, string file, params string[] arguments)
    {
        // sh replaces itself with the program, so the PID is the program's own: stopped by exactly that PID.
        var start = new ProcessStartInfo("ip") { UseShellExecute = false };
        foreach (var argument in (string[])["netns", "exec", ns, "sh", "-c", "exec \"$0\" \"$@\" >>\"$LOG\" 2>&1", file, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LOG"] = log;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start in {ns}");
        _processes.Add(process);
        return process;
    }

    /// <summary>Stops a process of <see cref="StartIn"/> before dispose: SIGTERM by PID, SIGKILL after 10 s, then every process it had started.</summary>
    public async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        var children = ProcessRunner.Descendants(process.Id);
        await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], CommandBound);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        foreach (var child in children)
        {
            await ProcessRunner.RunAsync("kill", ["-KILL", child.ToString(CultureInfo.InvariantCulture)], CommandBound);
        }
    }

    /// <summary>Retries <paramref name="ready"/> until it holds; readiness polling, not timing logic.</summary>
    public static async Task WaitUntilAsync(string what, Func<Task<bool>> ready, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (!await ready())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what} not ready after {bound}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], CommandBound);
        }

        foreach (var process in _processes)
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
            }

            process.Dispose();
        }

        // Anything still inside this run's own namespaces was started by this fixture: kill it by PID.
        foreach (var ns in new[] { Agent, Egress, Inet })
        {
            var (_, pids, _) = await ProcessRunner.RunAsync("ip", ["netns", "pids", ns], CommandBound);
            foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await ProcessRunner.RunAsync("kill", ["-KILL", pid.Trim()], CommandBound);
            }

            await ProcessRunner.RunAsync("ip", ["netns", "del", ns], CommandBound);
            if (Directory.Exists(Path.Combine("/etc/netns", ns)))
            {
                Directory.Delete(Path.Combine("/etc/netns", ns), recursive: true);
            }
        }

        Directory.Delete(WorkDirectory, recursive: true);
    }

    private async Task BuildAsync(EgressNamespacesOptions options)
    {
        foreach (var ns in new[] { Agent, Egress, Inet })
        {
            await Ip("netns", "add", ns);
            await Ip("-n", ns, "link", "set", "lo", "up");
            Directory.CreateDirectory(Path.Combine("/etc/netns", ns));
        }

        // agent <-> egress: the "internal" network, no default route in the agent.
        await Link(Agent, Prefix + "-a0", AgentAddress + "/24", Egress, Prefix + "-e0", EgressAddress + "/24");
        // egress <-> inet: the egress host's way out, to the fake internet.
        await Link(Egress, Prefix + "-e1", "198.51.100.1/24", Inet, Prefix + "-i0", UpstreamDnsAddress + "/24");
        await Ip("-n", Egress, "route", "add", "default", "via", UpstreamDnsAddress);
        await Ip("-n", Inet, "route", "add", "10.77.0.0/24", "via", "198.51.100.1");
        foreach (var address in options.InetHosts.Values.Distinct(StringComparer.Ordinal))
        {
            await Ip("-n", Inet, "addr", "add", address + "/32", "dev", "lo");
        }

        await Must("ip", "netns", "exec", Egress, "sysctl", "-qw", "net.ipv4.ip_forward=0");
        await File.WriteAllTextAsync(Path.Combine("/etc/netns", Agent, "resolv.conf"), $"nameserver {EgressAddress}\n");
        await File.WriteAllTextAsync(Path.Combine("/etc/netns", Egress, "resolv.conf"), "nameserver 127.0.0.1\n");

        var names = string.Join(',', options.InetHosts.Keys.Select(h => "DNS:" + h).Concat(options.InetHosts.Values.Distinct(StringComparer.Ordinal).Select(a => "IP:" + a)));
        await Must("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
            "-subj", "/CN=egress namespaces test", "-addext", "subjectAltName=" + names, "-keyout", KeyPath, "-out", CertificatePath);

        // The fake internet's DNS answers every name of InetHosts and logs each query it receives.
        var inetDns = Path.Combine(WorkDirectory, "inet-dns.conf");
        await File.WriteAllLinesAsync(inetDns,
        [
            "no-resolv", "no-hosts", "listen-address=" + UpstreamDnsAddress, "bind-interfaces", "local=/example/", "log-queries",
            .. options.InetHosts.Select(h => $"address=/{h.Key}/{h.Value}"),
        ]);
        StartIn(Inet, Path.Combine(WorkDirectory, "inet-dns.out"), "dnsmasq", "-k", "-C", inetDns, "--pid-file=" + Path.Combine(WorkDirectory, "inet-dns.pid"), "--log-facility=" + UpstreamDnsLog);

        // The egress host, as the egress container runs it.
        var allowlist = Path.Combine(WorkDirectory, "allowlist.conf");
        await File.WriteAllLinesAsync(allowlist, options.Allowlist);
        var rendered = Path.Combine(WorkDirectory, "egress");
        await Must("dotnet", options.CliDll, "egress", "render", "--allowlist", allowlist, "--upstream-dns", UpstreamDnsAddress,
            "--dns-listen", "127.0.0.1", EgressAddress, "--client-cidr", "10.77.0.0/24", "--proxy-port", "3128",
            "--treat-as-public", "198.18.0.0/15", "--log-queries", "--out", rendered);
        await Must("ip", "netns", "exec", Egress, "nft", "-f", Path.Combine(rendered, "egress.nft"));
        StartIn(Egress, Path.Combine(WorkDirectory, "egress-dns.out"), "dnsmasq", "-k", "-C", Path.Combine(rendered, "dnsmasq.conf"),
            "--pid-file=" + Path.Combine(WorkDirectory, "egress-dns.pid"), "--log-facility=" + EgressDnsLog);
        Directory.CreateDirectory(Path.GetDirectoryName(AuditLogPath)!);
        StartIn(Egress, ProxyLog, "dotnet", options.CliDll, "egress", "proxy", "--listen", EgressAddress + ":3128", "--allowlist", allowlist,
            "--audit-log", AuditLogPath, "--treat-as-public", "198.18.0.0/15", "--idle-timeout", "30");

        var noProxy = new Dictionary<string, string>();
        await WaitUntilAsync("the egress proxy", async () => (await RunInAsync(Agent, noProxy, "curl", "-sf", "--max-time", "1", ProxyUrl + "/healthz")).ExitCode == 0, TimeSpan.FromSeconds(90));
        // A name outside the allowlist: a lookup of an allowed one would fill the nftables sets early.
        await WaitUntilAsync("the egress dnsmasq", async () => (await RunInAsync(Egress, noProxy, "dig", "+time=1", "+tries=1", "@127.0.0.1", "ready.invalid")).ExitCode == 0, TimeSpan.FromSeconds(20));
        await WaitUntilAsync("the fake internet's DNS", async () => (await RunInAsync(Inet, noProxy, "dig", "+time=1", "+tries=1", "@" + UpstreamDnsAddress, "ready.example")).ExitCode == 0, TimeSpan.FromSeconds(20));
    }

    private async Task Link(string leftNs, string left, string leftAddress, string rightNs, string right, string rightAddress)
    {
        await Ip("link", "add", left, "type", "veth", "peer", "name", right);
        await Ip("link", "set", left, "netns", leftNs);
        await Ip("link", "set", right, "netns", rightNs);
        await Ip("-n", leftNs, "addr", "add", leftAddress, "dev", left);
        await Ip("-n", leftNs, "link", "set", left, "up");
        await Ip("-n", rightNs, "addr", "add", rightAddress, "dev", right);
        await Ip("-n", rightNs, "link", "set", right, "up");
    }

    private static Task Ip(params string[] arguments) => Must("ip", arguments);

    private static async Task Must(string file, params string[] arguments)
    {
        var (exitCode, output, error) = await ProcessRunner.RunAsync(file, arguments, CommandBound);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {exitCode}: {output}{error}");
        }
    }
}
