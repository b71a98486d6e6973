using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureStack.Audit;
using SecureStack.Audit.Installation;
using SecureStack.Audit.Settings;
using SecureStack.Egress.Addresses;
using SecureStack.Egress.Allowlist;
using SecureStack.Egress.Metrics;
using SecureStack.Egress.Proxy;
using SecureStack.Egress.Rendering;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack egress check|render|proxy</c>: the egress allowlist, its resolver and packet filter, and the CONNECT proxy.</summary>
internal static class EgressCommand
{
    private const int Ok = 0;
    private const int Problems = 1;
    private const int Unusable = 2;

    public static Command Create() => new("egress", "Egress firewall: validate the allowlist, render dnsmasq and nftables configuration, run the CONNECT proxy.")
    {
        CreateCheck(),
        CreateRender(),
        CreateProxy(),
    };

    private static Option<string> AllowlistOption() => new("--allowlist")
    {
        Description = "Allowlist file (default: $EGRESS_ALLOWLIST, else egress-allowlist.conf in $SECURESTACK_CONFIG_DIR, the install's config folder or config/ beside the binary).",
        DefaultValueFactory = _ => DefaultAllowlistPath(),
    };

    private static Option<string[]> TreatAsPublicOption() => new("--treat-as-public")
    {
        Description = "CIDR range of benchmarking or documentation space to treat as public, for lab networks (default: $EGRESS_TREAT_AS_PUBLIC, comma-separated).",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => SplitList(Environment.GetEnvironmentVariable("EGRESS_TREAT_AS_PUBLIC")),
    };

    private static Command CreateCheck()
    {
        var file = new Argument<string>("file") { Description = "The allowlist file to validate." };
        var command = new Command("check", "Validate an allowlist file and list its entries. Exit codes: 0 valid, 1 some lines are invalid or too broad (they would be skipped), 2 the file cannot be read.")
        {
            file,
        };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            EgressAllowlist allowlist;
            try
            {
                allowlist = EgressAllowlist.Load(path);
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return Unusable;
            }

            foreach (var entry in allowlist.Entries)
            {
                Console.Out.WriteLine($"{path}:{entry.Line}: allows {(entry.IsWildcard ? "subdomains of " + entry.Domain : entry.Domain)} on port {entry.Port}");
            }

            foreach (var problem in allowlist.Problems)
            {
                Console.Error.WriteLine(problem);
            }

            if (allowlist.Entries.Count == 0)
            {
                Console.Error.WriteLine($"{path}: no valid entries: the proxy will refuse every destination");
            }

            Console.Out.WriteLine($"{allowlist.Entries.Count} entries, {allowlist.Problems.Count} problems");
            return allowlist.Problems.Count == 0 ? Ok : Problems;
        });
        return command;
    }

    private static Command CreateRender()
    {
        var allowlistOption = AllowlistOption();
        var upstream = new Option<string[]>("--upstream-dns")
        {
            Description = "Resolver(s) allowlisted names are forwarded to; the only DNS server the packet filter lets out (default: $EGRESS_UPSTREAM_DNS, comma-separated).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => SplitList(Environment.GetEnvironmentVariable("EGRESS_UPSTREAM_DNS")),
        };
        var listen = new Option<string[]>("--dns-listen")
        {
            Description = "Address(es) dnsmasq answers on (default 127.0.0.1).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["127.0.0.1"],
        };
        var output = new Option<string>("--out")
        {
            Description = "Directory to write dnsmasq.conf and egress.nft into (created if missing).",
            Required = true,
        };
        var logQueries = new Option<bool>("--log-queries") { Description = "Make dnsmasq log every query." };
        var clients = new Option<string[]>("--client-cidr")
        {
            Description = "Network(s) allowed to reach the proxy and the resolver; with it the ruleset also drops all other inbound traffic (default: $EGRESS_CLIENT_CIDRS, comma-separated).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => SplitList(Environment.GetEnvironmentVariable("EGRESS_CLIENT_CIDRS")),
        };
        var proxyPort = new Option<int>("--proxy-port") { Description = "The proxy's port, opened to --client-cidr.", DefaultValueFactory = _ => 3128 };
        var treatAsPublic = TreatAsPublicOption();
        var command = new Command("render", "Write the allowlisting dnsmasq config (dnsmasq.conf) and the nftables ruleset (egress.nft) for the egress container. Invalid allowlist lines are reported and skipped. Exit codes: 0 written, 2 bad options or unreadable allowlist.")
        {
            allowlistOption, upstream, listen, output, logQueries, treatAsPublic, clients, proxyPort,
        };
        command.SetAction(parseResult =>
        {
            try
            {
                var allowlist = EgressAllowlist.Load(parseResult.GetValue(allowlistOption)!);
                var options = new EgressRenderOptions
                {
                    UpstreamDns = ParseAddresses(parseResult.GetValue(upstream)!, "--upstream-dns"),
                    DnsListen = ParseAddresses(parseResult.GetValue(listen)!, "--dns-listen"),
                    AddressPolicy = AddressPolicy.Create(parseResult.GetValue(treatAsPublic)!, "--treat-as-public"),
                    LogQueries = parseResult.GetValue(logQueries),
                    ClientNetworks = ParseNetworks(parseResult.GetValue(clients)!, "--client-cidr"),
                    ProxyPort = parseResult.GetValue(proxyPort),
                };
                var directory = parseResult.GetValue(output)!;
                var dnsmasq = DnsmasqConfigRenderer.Render(allowlist, options);
                var nft = NftablesRulesetRenderer.Render(allowlist, options);
                foreach (var problem in allowlist.Problems)
                {
                    Console.Error.WriteLine(problem);
                }

                Directory.CreateDirectory(directory);
                File.WriteAllText(Path.Combine(directory, "dnsmasq.conf"), dnsmasq);
                File.WriteAllText(Path.Combine(directory, "egress.nft"), nft);
                Console.Out.WriteLine($"wrote {Path.Combine(directory, "dnsmasq.conf")} and {Path.Combine(directory, "egress.nft")} for {allowlist.Entries.Count} entries");
                return Ok;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(ex.Message);
                return Unusable;
            }
        });
        return command;
    }

    private static Command CreateProxy()
    {
        var listen = new Option<string>("--listen")
        {
            Description = "ADDR:PORT to listen on (default: $EGRESS_LISTEN, else 0.0.0.0:3128).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EGRESS_LISTEN") is { Length: > 0 } v ? v : "0.0.0.0:3128",
        };
        var allowlistOption = AllowlistOption();
        var auditLog = new Option<string?>("--audit-log") { Description = "Audit log file (default: $AUDIT_LOG_PATH)." };
        var maxTunnels = new Option<int>("--max-tunnels") { Description = "Client connections handled at once; more get 503.", DefaultValueFactory = _ => 256 };
        var idle = new Option<int>("--idle-timeout") { Description = "Seconds a tunnel may carry no bytes before it is closed.", DefaultValueFactory = _ => 300 };
        var treatAsPublic = TreatAsPublicOption();
        var metricsListen = MetricsListenOption.Create("EGRESS_METRICS_LISTEN");
        var command = new Command("proxy", "Run the egress CONNECT proxy (plus absolute-form http://) for allowlisted hosts only; SIGHUP re-reads the allowlist. Exit codes: 0 stopped by a signal, 2 bad options, unreadable allowlist or audit log, or the address cannot be bound.")
        {
            listen, allowlistOption, auditLog, maxTunnels, idle, treatAsPublic, metricsListen,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var listenText = parseResult.GetValue(listen)!;
                var settings = new EgressProxyOptions
                {
                    Listen = IPEndPoint.TryParse(listenText, out var endpoint) && endpoint.Port != 0
                        ? endpoint
                        : throw new ArgumentException($"--listen: \"{listenText}\" is not ADDR:PORT (for example 0.0.0.0:3128)"),
                    MaxTunnels = parseResult.GetValue(maxTunnels),
                    IdleTimeout = TimeSpan.FromSeconds(parseResult.GetValue(idle)),
                    AddressPolicy = AddressPolicy.Create(parseResult.GetValue(treatAsPublic)!, "--treat-as-public"),
                };
                using var services = ServiceComposition.Build(s => s.AddSettings<EgressProxyOptions, ArgumentException>(settings, o => o.Validate()));
                var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SecureStack.Egress");
                using var audit = AuditLog.Open(AuditLogOptions.FromEnvironment(parseResult.GetValue(auditLog)));
                await using var metrics = await MetricsListenOption.StartAsync(parseResult, metricsListen, "securestack-egress", [EgressMetrics.MeterName], cancellationToken);
                await EgressProxyHost.RunAsync(services.GetRequiredService<EgressProxyOptions>(), parseResult.GetValue(allowlistOption)!, audit, logger, cancellationToken);
                return Ok;
            }
            catch (Exception ex) when (ex is ArgumentException or OptionsValidationException or IOException or AuditConfigurationException or AuditLogUnavailableException or System.Net.Sockets.SocketException)
            {
                Console.Error.WriteLine($"securestack egress proxy: {ex.Message}");
                return Unusable;
            }
        });
        return command;
    }

    private static string DefaultAllowlistPath() =>
        InstallEnvironment.Current.Get("EGRESS_ALLOWLIST") ?? InstallEnvironment.Current.ConfigFile("egress-allowlist.conf");

    private static string[] SplitList(string? value) =>
        value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static IPNetwork[] ParseNetworks(IEnumerable<string> values, string option) =>
        [.. values.SelectMany(v => SplitList(v)).Select(v => IPNetwork.TryParse(v, out var n) ? n : throw new ArgumentException($"{option}: \"{v}\" is not a CIDR range"))];

    private static IPAddress[] ParseAddresses(IEnumerable<string> values, string option) =>
        [.. values.SelectMany(v => SplitList(v)).Select(v => IPAddress.TryParse(v, out var a) ? a : throw new ArgumentException($"{option}: \"{v}\" is not an IP address"))];
}
