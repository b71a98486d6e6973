namespace SecureStack.Egress.Allowlist;

/// <summary>One valid allowlist line: a host name, or <c>*.domain</c> for its subdomains, and one port.</summary>
/// <param name="Domain">Lower-case host name without a trailing dot; for a wildcard, the part after <c>*.</c>.</param>
/// <param name="IsWildcard">True for <c>*.domain</c>: matches every subdomain of <paramref name="Domain"/> but not the domain itself.</param>
/// <param name="Port">The one port allowed for this host (443 when the line names none).</param>
/// <param name="Line">The 1-based line in the file it came from.</param>
public sealed record AllowlistEntry(string Domain, bool IsWildcard, int Port, int Line)
{
    public const int DefaultPort = 443;

    /// <summary>The entry as it would be written in the file.</summary>
    public string Pattern => (IsWildcard ? "*." + Domain : Domain) + (Port == DefaultPort ? "" : ":" + Port);
}
