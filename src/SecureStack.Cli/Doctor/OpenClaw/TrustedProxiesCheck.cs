using System.Net;

namespace SecureStack.Cli.Doctor.OpenClaw;

/// <summary>
/// gateway.trustedProxies names exactly the securestack proxy: any other address there can claim any
/// identity. Natively (token mode) nothing needs trusting beyond loopback.
/// </summary>
internal sealed class TrustedProxiesCheck : IDoctorCheck
{
    private const string Id = "openclaw.trusted-proxies";

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var config = context.OpenClaw!;
        var proxies = config.Strings("gateway.trustedProxies") ?? [];
        if (config.String("gateway.auth.mode") != "trusted-proxy")
        {
            var nonLoopback = proxies.Where(p => !IsSingleLoopback(p)).ToList();
            yield return nonLoopback.Count == 0
                ? CheckResult.Pass(Id, config.Path, "no proxy beyond loopback is trusted")
                : CheckResult.Fail(Id, config.Path, $"trusts forwarding headers from {string.Join(", ", nonLoopback)}",
                    "remove gateway.trustedProxies (token mode needs none)");
            yield break;
        }
        if (proxies.Count == 0)
        {
            yield return CheckResult.Fail(Id, config.Path, "gateway.trustedProxies is empty, so no request is accepted",
                "set gateway.trustedProxies to the proxy's fixed address (172.30.0.10 in docker-compose.yml)");
            yield break;
        }
        var ranges = proxies.Where(p => !IsSingleAddress(p)).ToList();
        if (ranges.Count > 0)
        {
            yield return CheckResult.Fail(Id, config.Path, $"trusts whole ranges: {string.Join(", ", ranges)}",
                "list only the proxy's single address; every other container on that range could impersonate users");
            yield break;
        }
        var proxyAddresses = context.Compose?.Services.Where(s => s.IsProxy)
            .SelectMany(s => s.Networks.Select(n => s.NetworkSettings(n)?.String("ipv4_address"))).OfType<string>().ToList();
        if (proxyAddresses is not null)
        {
            var strangers = proxies.Except(proxyAddresses).ToList();
            if (proxyAddresses.Count == 0 || strangers.Count > 0)
            {
                yield return CheckResult.Fail(Id, config.Path,
                    proxyAddresses.Count == 0 ? "the proxy service has no fixed address to match"
                        : $"trusts {string.Join(", ", strangers)}, which is not the proxy ({string.Join(", ", proxyAddresses)})",
                    "give the proxy a fixed ipv4_address on the internal network and list exactly that address");
                yield break;
            }
        }
        yield return CheckResult.Pass(Id, config.Path, $"trusts only the proxy: {string.Join(", ", proxies)}");
    }

    private static bool IsSingleAddress(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? entry : entry[..slash];
        if (!IPAddress.TryParse(address, out var ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            return false;
        }
        var hostBits = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "32" : "128";
        return slash < 0 || entry[(slash + 1)..] == hostBits;
    }

    private static bool IsSingleLoopback(string entry) =>
        IsSingleAddress(entry) && IPAddress.IsLoopback(IPAddress.Parse(entry.Split('/')[0]));
}
