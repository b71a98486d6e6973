namespace SecureStack.Cli.Doctor.Compose;

/// <summary>FR-2: OpenClaw's outbound HTTP goes to the egress proxy and its DNS to egress's allowlisting resolver.</summary>
internal sealed class EgressRoutingCheck : IDoctorCheck
{
    private const string Id = "compose.egress-routing";

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var compose = context.Compose!;
        if (compose.OpenClaw is not { } openClaw)
        {
            yield return CheckResult.Fail(Id, "compose", $"no service runs {ComposeService.OpenClawImage}",
                $"add the openclaw service with a pinned {ComposeService.OpenClawImage}:VERSION image");
            yield break;
        }
        var egress = compose.Services.FirstOrDefault(s => s.IsEgress);
        if (egress is null)
        {
            yield return CheckResult.Fail(Id, openClaw.Target, "there is no egress service", "add the egress service (docker/egress/Dockerfile)");
            yield break;
        }
        var problems = new List<string>();
        var environment = openClaw.Environment;
        foreach (var name in new[] { "HTTPS_PROXY", "HTTP_PROXY" })
        {
            if (!environment.TryGetValue(name, out var url) || !url.StartsWith($"http://{egress.Name}:", StringComparison.Ordinal))
            {
                problems.Add($"{name} does not point at http://{egress.Name}:PORT");
            }
        }
        var egressAddresses = egress.Networks.Select(n => egress.NetworkSettings(n)?.String("ipv4_address")).OfType<string>().ToHashSet();
        var dns = openClaw.Settings.List("dns");
        if (dns.Count == 0 || !dns.All(egressAddresses.Contains))
        {
            problems.Add("dns is not egress's fixed address, so names resolve without the allowlist");
        }
        yield return problems.Count == 0
            ? CheckResult.Pass(Id, openClaw.Target, $"HTTP(S) through {egress.Name}, DNS from {string.Join(", ", dns)}")
            : CheckResult.Fail(Id, openClaw.Target, string.Join("; ", problems),
                $"set HTTPS_PROXY/HTTP_PROXY to http://{egress.Name}:3128 and `dns:` to egress's ipv4_address on the internal network");
    }
}
