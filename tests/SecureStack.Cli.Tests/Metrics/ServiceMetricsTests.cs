namespace SecureStack.Cli.Tests.Metrics;

/// <summary>After real traffic through each service, its /metrics shows the counters moved (OpenTelemetry names and units).</summary>
[Collection(ScrapedServicesCollection.Name)]
public sealed class ServiceMetricsTests(ScrapedServices services)
{
    [Fact]
    public void Proxy_CountsTheAuthenticatedRequest_AndTheRefusedPrompt()
    {
        var text = services.ProxyMetrics;
        Assert.True(PrometheusText.Sum(text, "http_server_request_duration_seconds_count", ("http_response_status_code", "200")) >= 1, text);
        Assert.True(PrometheusText.Sum(text, "securestack_prompt_verdicts_total", ("action", "reject"), ("family", "injection"), ("channel", "http")) >= 1, text);
    }

    [Fact]
    public void EgressProxy_CountsTheRefusal_ByReason()
    {
        var text = services.EgressMetrics;
        Assert.Equal(1, PrometheusText.Sum(text, "securestack_egress_refusals_total", ("reason", "not_allowlisted")));
        Assert.Equal(0, PrometheusText.Sum(text, "securestack_egress_tunnels_allowed_total"));
    }

    [Fact]
    public void Watcher_CountsTheVerdict_AndTheQuarantine()
    {
        var text = services.WatcherMetrics;
        Assert.Equal(1, PrometheusText.Sum(text, "securestack_skill_quarantines_total"));
        Assert.True(PrometheusText.Sum(text, "securestack_skill_verdicts_total", ("verdict", "malicious"))
            + PrometheusText.Sum(text, "securestack_skill_verdicts_total", ("verdict", "suspicious")) >= 1, text);
    }

    /// <summary>Each install-policy answer is a process of its own; the long-running watcher exports the answers from their shared database.</summary>
    [Fact]
    public void Watcher_ExportsTheInstallPolicyAnswers_OfTheHooksProcesses()
    {
        var text = services.WatcherMetrics;
        Assert.Equal(["allow", "block"], services.InstallPolicyAnswers);
        Assert.Equal(1, PrometheusText.Sum(text, "securestack_install_policy_decisions_total", ("decision", "allow")));
        Assert.Equal(1, PrometheusText.Sum(text, "securestack_install_policy_decisions_total", ("decision", "block")));
        Assert.Equal(0, PrometheusText.Sum(text, "securestack_install_policy_decisions_total", ("decision", "warn")));
    }

    [Fact]
    public void EveryService_ExportsRuntimeMetrics()
    {
        foreach (var text in new[] { services.ProxyMetrics, services.EgressMetrics, services.WatcherMetrics })
        {
            Assert.Contains(PrometheusText.SampleNames(text), n => n.StartsWith("dotnet_", StringComparison.Ordinal));
        }
    }
}
