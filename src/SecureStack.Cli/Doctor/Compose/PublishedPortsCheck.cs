namespace SecureStack.Cli.Doctor.Compose;

/// <summary>FR-2: the proxy's TLS port is the only port published on the host.</summary>
internal sealed class PublishedPortsCheck : IDoctorCheck
{
    private const string Id = "compose.published-ports";
    private const string ProxyTlsPort = "8443";

    public IEnumerable<CheckResult> Run(DoctorContext context) => context.Compose!.Services.Select(Check);

    private static CheckResult Check(ComposeService service)
    {
        var targets = service.Settings.List("ports").Where(p => p.Length > 0).Select(ContainerPort)
            .Concat(service.Settings.MapList("ports").Select(p => p.String("target") ?? "")).ToList();
        if (targets.Count == 0)
        {
            return service.IsProxy
                ? CheckResult.Fail(Id, service.Target, "the proxy publishes no port, so the stack is unreachable",
                    "publish the proxy's TLS port: `ports: [\"443:8443\"]`")
                : CheckResult.Pass(Id, service.Target, "publishes no port");
        }
        if (!service.IsProxy)
        {
            return CheckResult.Fail(Id, service.Target, $"publishes {string.Join(", ", targets)} on the host, bypassing the proxy",
                $"remove `ports` from {service.Name}; clients reach it only through the proxy");
        }
        var other = targets.Where(t => t != ProxyTlsPort).ToList();
        return other.Count == 0
            ? CheckResult.Pass(Id, service.Target, $"publishes only its TLS port {ProxyTlsPort}")
            : CheckResult.Fail(Id, service.Target, $"publishes more than its TLS port: {string.Join(", ", other)}",
                $"publish only {ProxyTlsPort} (HTTPS) from the proxy");
    }

    /// <summary>The container side of <c>[ip:]host:container[/proto]</c>.</summary>
    private static string ContainerPort(string spec)
    {
        var withoutProtocol = spec.Split('/')[0];
        return withoutProtocol[(withoutProtocol.LastIndexOf(':') + 1)..];
    }
}
