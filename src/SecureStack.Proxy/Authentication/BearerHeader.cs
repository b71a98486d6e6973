using Microsoft.Extensions.Primitives;

namespace SecureStack.Proxy.Authentication;

/// <summary>Parses <c>Authorization: Bearer &lt;token68&gt;</c> strictly: one header, scheme case-insensitive, one token.</summary>
internal static class BearerHeader
{
    private const string Scheme = "Bearer";

    public static BearerOutcome Parse(StringValues values, out string token)
    {
        token = "";
        if (values.Count == 0)
        {
            return BearerOutcome.Missing;
        }

        // Two Authorization headers (or one joined by a comma) are ambiguous: which one would a later hop use?
        if (values.Count > 1 || values[0] is not { } value)
        {
            return BearerOutcome.Malformed;
        }

        if (value.Length <= Scheme.Length + 1
            || !value.AsSpan(0, Scheme.Length).Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || value[Scheme.Length] != ' ')
        {
            return BearerOutcome.Malformed;
        }

        var candidate = value.AsSpan(Scheme.Length + 1).TrimStart(' ');
        if (candidate.IsEmpty || !IsToken68(candidate))
        {
            return BearerOutcome.Malformed;
        }

        token = candidate.ToString();
        return BearerOutcome.Present;
    }

    /// <summary>RFC 7235 token68: letters, digits and -._~+/ followed by optional '=' padding.</summary>
    private static bool IsToken68(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or '.' or '_' or '~' or '+' or '/'))
        {
            i++;
        }

        if (i == 0)
        {
            return false;
        }

        while (i < s.Length && s[i] == '=')
        {
            i++;
        }

        return i == s.Length;
    }
}
