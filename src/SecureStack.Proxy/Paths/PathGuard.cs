using System.Buffers;

namespace SecureStack.Proxy.Paths;

/// <summary>
/// Refuses request targets that two parsers could read differently (THREATS.md §3), on the raw target
/// as the client sent it, before any routing decision: encoded dots, slashes, backslashes or percent
/// signs (double encoding), dot segments, empty segments, <c>;</c> path parameters, control or non-ASCII
/// characters, non-origin-form targets, and credentials in the query string.
/// </summary>
internal static class PathGuard
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create("\\;#");

    private static readonly HashSet<string> CredentialParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "token", "access_token", "auth_token", "api_key", "apikey", "api-key", "auth", "authorization", "bearer", "password", "session",
    };

    /// <summary>Null when the target is unambiguous, otherwise a short reason for the audit trail.</summary>
    public static string? Check(string rawTarget)
    {
        if (rawTarget.Length == 0 || rawTarget[0] != '/')
        {
            return "target is not origin-form";
        }

        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget.AsSpan() : rawTarget.AsSpan(0, queryStart);
        foreach (var c in rawTarget)
        {
            if (c <= 0x20 || c >= 0x7f)
            {
                return "control, space or non-ASCII character";
            }
        }

        if (path.ContainsAny(Forbidden))
        {
            return "backslash, ';' or '#' in path";
        }

        if (CheckEscapes(path) is { } escape)
        {
            return escape;
        }

        if (path.Length > 1)
        {
            foreach (var range in path[1..].Split('/'))
            {
                var segment = path[1..][range];
                if (segment.IsEmpty && range.End.Value != path.Length - 1)
                {
                    return "empty path segment";
                }

                if (segment is "." or "..")
                {
                    return "dot segment";
                }
            }
        }

        return queryStart < 0 ? null : CheckQuery(rawTarget.AsSpan(queryStart + 1));
    }

    /// <summary>Percent escapes are allowed only for characters that are not unreserved and not separators.</summary>
    private static string? CheckEscapes(ReadOnlySpan<char> path)
    {
        for (var i = path.IndexOf('%'); i >= 0; i = path.IndexOf('%'))
        {
            if (i + 2 >= path.Length || !char.IsAsciiHexDigit(path[i + 1]) || !char.IsAsciiHexDigit(path[i + 2]))
            {
                return "invalid percent escape";
            }

            var decoded = (char)Convert.ToByte(path.Slice(i + 1, 2).ToString(), 16);
            if (decoded is '/' or '\\' or '%' or ';' or '?' or '#' || decoded < 0x20 || decoded == 0x7f
                || char.IsAsciiLetterOrDigit(decoded) || decoded is '.' or '-' or '_' or '~')
            {
                return "encoded separator, dot, percent or unreserved character";
            }

            path = path[(i + 3)..];
        }

        return null;
    }

    private static string? CheckQuery(ReadOnlySpan<char> query)
    {
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).ToString());
            if (CredentialParameters.Contains(name.Trim()))
            {
                return "credential in query string";
            }
        }

        return null;
    }
}
