using System.Net;

namespace SecureStack.Egress.Allowlist;

/// <summary>Syntax of DNS host names as the allowlist and the proxy accept them.</summary>
public static class HostNames
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Lower-cases and drops one trailing dot; returns null for anything that is not a plain ASCII host name.</summary>
    public static string? Normalize(string host)
    {
        var name = host.EndsWith('.') ? host[..^1] : host;
        name = name.ToLowerInvariant();
        return IsValidName(name) ? name : null;
    }

    /// <summary>True for a string that parses as an IPv4 or IPv6 address, including the short IPv4 forms (<c>2130706433</c>, <c>127.1</c>).</summary>
    public static bool IsAddressLiteral(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out _);

    /// <summary>Labels of letters, digits and hyphens, 1 to 63 characters, not starting or ending with a hyphen.</summary>
    public static bool IsValidName(string name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
