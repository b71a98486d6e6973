using System.Text.Json;

namespace SecureStack.Egress.Tests.Netns;

/// <summary>
/// The acceptance test of issue 7: three network namespaces (agent with no route out, egress host with the
/// real dnsmasq, nftables and our proxy, fake internet on 198.18.0.0/15), driven by netns/egress-e2e.sh;
/// and the egress container's entrypoint run as Docker would run it (netns/entrypoint-test.sh).
/// </summary>
public sealed class NetnsEgressTests
{
    /// <summary>Every check the script must report as passed; a check that goes missing fails the test too.</summary>
    private static readonly string[] ExpectedChecks =
    [
        "render_succeeds", "nft_ruleset_loads", "proxy_starts",
        "egress_direct_before_lookup_dropped",
        "dns_allowed_resolves", "dns_blocked_nxdomain_from_agent", "dns_blocked_nxdomain_on_egress", "dns_unlisted_nxdomain", "dns_rebind_answer_dropped",
        "dns_exact_entry_resolves", "dns_subdomain_of_exact_entry_nxdomain",
        "proxy_connect_allowed_curl", "proxy_http_allowed_curl", "proxy_node_undici_https", "proxy_node_undici_http",
        "proxy_node_undici_blocked", "proxy_connect_blocked", "proxy_http_blocked", "proxy_ip_literal_refused", "proxy_unlisted_port_refused",
        "proxy_private_answer_refused", "proxy_cgnat_answer_refused", "proxy_nat64_answer_refused",
        "agent_direct_https___198_18_0_10__fails", "agent_direct_http___198_18_0_20__fails", "agent_direct_http___10_99_0_5__fails",
        "agent_direct_http___100_64_0_7__fails", "agent_direct_http___198_51_100_254__fails", "agent_direct_http___10_77_0_1__fails",
        "agent_direct_dns_fails", "egress_input_drops_other_ports",
        "egress_set_has_resolved_address", "egress_set_lacks_blocked_address", "egress_reaches_resolved_address",
        "egress_unresolved_public_dropped", "egress_private_dropped", "egress_cgnat_dropped", "egress_unlisted_port_dropped", "egress_drops_counted",
        "metrics_count_allowed", "metrics_not_on_proxy_port", "sighup_reload_applies", "proxy_still_runs_after_reload",
    ];

    [RootFact]
    public async Task EgressIsEnforcedThreeTimes_InNetworkNamespaces()
    {
        Assert.True(
            File.Exists(Path.Combine(RepoPaths.NetnsDirectory, "node", "node_modules", "undici", "package.json")),
            "undici is not installed for the Node client: run scripts/install-test-deps.sh (npm ci in tests/SecureStack.Egress.Tests/netns/node)");
        var prefix = $"se{Environment.ProcessId}";
        var outDir = Directory.CreateTempSubdirectory("egress-netns-").FullName;
        try
        {
            var (lines, checks, context) = await CheckScript.RunAsync(
                "egress-e2e.sh", TimeSpan.FromMinutes(4), prefix, RepoPaths.CliDll, outDir);
            CheckScript.AssertAllPassed(checks, ExpectedChecks, context + $"\nproxy log:\n{ReadIfExists(Path.Combine(outDir, "proxy.log"))}");

            // Every refusal the script provoked is in the audit log with host, port, reason and client, and nothing else was refused.
            var refusals = lines.Where(l => l.StartsWith("EXPECT_REFUSAL ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
            var auditPath = Path.Combine(outDir, "audit", "audit.jsonl");
            var blocked = AuditReader.Read(auditPath, "egress_blocked").ToList();
            Assert.Equal(9, refusals.Count);
            foreach (var refusal in refusals)
            {
                var (host, port, reasons) = (refusal[1], refusal[2], refusal[3].Split('|'));
                var match = blocked.FirstOrDefault(e =>
                    AuditReader.Detail(e, "host") == host && AuditReader.Detail(e, "port") == port && reasons.Contains(AuditReader.Detail(e, "reason")));
                Assert.True(match.ValueKind == JsonValueKind.Object, $"no egress_blocked event for {host}:{port} ({refusal[3]}) in {auditPath}:\n{File.ReadAllText(auditPath)}");
                Assert.Equal("10.77.0.2", AuditReader.Detail(match, "client"));
                Assert.Equal("10.77.0.2", match.GetProperty("source_ip").GetString());
                blocked.Remove(match);
            }

            Assert.Empty(blocked);
            var warning = Assert.Single(AuditReader.Read(auditPath, "config_warning"), e => AuditReader.Detail(e, "line") == "5");
            Assert.Contains("allows every host", AuditReader.Detail(warning, "message"), StringComparison.Ordinal);

            var (_, namespaces, _) = await ProcessRunner.RunAsync("ip", ["netns", "list"], TimeSpan.FromSeconds(10));
            Assert.DoesNotContain(prefix + "-", namespaces, StringComparison.Ordinal);
        }
        finally
        {
            // Last resort if the script could not clean up: the names are this run's own.
            foreach (var ns in new[] { "agent", "egress", "inet" })
            {
                await ProcessRunner.RunAsync("ip", ["netns", "del", $"{prefix}-{ns}"], TimeSpan.FromSeconds(10));
            }

            Directory.Delete(outDir, recursive: true);
        }
    }

    [RootFact]
    public async Task EgressContainerEntrypoint_RunsWithOnlyNetAdmin()
    {
        var prefix = $"sc{Environment.ProcessId}";
        try
        {
            var (_, checks, context) = await CheckScript.RunAsync("entrypoint-test.sh", TimeSpan.FromMinutes(3), prefix, RepoPaths.CliDll);

            CheckScript.AssertAllPassed(
                checks,
                [
                    "entrypoint_requires_audit_log", "entrypoint_proxy_healthy", "entrypoint_proxy_answers", "entrypoint_ruleset_loaded",
                    "entrypoint_upstream_from_resolv_conf", "entrypoint_resolv_conf_points_to_dnsmasq", "entrypoint_dns_nxdomain",
                    "entrypoint_proxy_refuses", "entrypoint_allowed_name_resolves", "entrypoint_dnsmasq_fills_set_with_net_admin_only",
                    "entrypoint_refusal_audited", "entrypoint_survives_sighup", "entrypoint_stops_on_term", "entrypoint_restart_keeps_upstream", "entrypoint_leaves_no_process",
                ],
                context);
        }
        finally
        {
            await ProcessRunner.RunAsync("ip", ["netns", "del", $"{prefix}-ctr"], TimeSpan.FromSeconds(10));
        }
    }

    private static string ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : "(none)";
}
