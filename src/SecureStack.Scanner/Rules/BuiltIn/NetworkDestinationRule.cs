using SecureStack.Scanner.Network;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Where the skill talks to: raw public IPs, <c>user@host</c> URL tricks, and hosts missing from the egress
/// allowlist (FR-3 AC-2). Links in prose are checked for the tricks; only code is checked against the allowlist.
/// </summary>
internal sealed class NetworkDestinationRule : ScanRule
{
    public static readonly RuleDescriptor RawIp = new(
        "SS-NET-RAW-IP", "Raw IP address URL", Severity.High,
        "A URL points at a public IP address instead of a host name, as command-and-control and droppers do.");

    public static readonly RuleDescriptor UserInfo = new(
        "SS-NET-USERINFO", "Deceptive user@host URL", Severity.High,
        "A URL carries a user-info part (https://trusted.example@evil.example/) that makes it look like another host.");

    public static readonly RuleDescriptor Unlisted = new(
        "SS-NET-UNLISTED", "Destination not on the egress allowlist", Severity.Medium,
        "Code contacts a host that config/egress-allowlist.conf does not list; the egress firewall will block it.");

    private readonly EgressAllowlist _allowlist;

    public NetworkDestinationRule(EgressAllowlist allowlist)
    {
        _allowlist = allowlist;
    }

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [RawIp, UserInfo, Unlisted];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        foreach (var url in UrlFinder.Find(unit.Text))
        {
            if (UrlFinder.IsPublicIp(url.Host))
            {
                sink.Add(RawIp, unit, url.Index, $"URL to raw IP {url.Host}");
            }
            if (url.UserInfo is { } info)
            {
                // Only a user part that reads like a host deceives; a bare token (a Sentry DSN's public key) is an embedded credential.
                var deceptive = info.Contains('.') || (!info.Contains(':') && !ApiKeyLike(info));
                sink.Add(UserInfo, unit, url.Index, deceptive
                    ? $"\"{info}@\" makes the URL look like {info}; it really goes to {url.Host}"
                    : $"URL embeds credentials for {url.Host}", deceptive ? Severity.High : Severity.Medium);
            }
            if (unit.IsCode && !IsLocal(url.Host) && !_allowlist.IsAllowed(url.Host, url.Port))
            {
                sink.Add(Unlisted, unit, url.Index, $"{url.Host} is not on the egress allowlist");
            }
        }
    }

    private static bool ApiKeyLike(string info) => info.Length >= 16 && info.All(char.IsAsciiLetterOrDigit);

    private static bool IsLocal(string host) =>
        host is "localhost" or "127.0.0.1" or "::1" or "0.0.0.0" || host.EndsWith(".local", StringComparison.Ordinal)
        || host.EndsWith(".localhost", StringComparison.Ordinal) || (System.Net.IPAddress.TryParse(host, out _) && !UrlFinder.IsPublicIp(host))
        || host.Contains('$') || host.Contains('{') || host.Contains('<');
}
