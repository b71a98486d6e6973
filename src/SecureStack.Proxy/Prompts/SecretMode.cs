namespace SecureStack.Proxy.Prompts;

/// <summary>What the relay does when a prompt carries a credential (API key, private key).</summary>
public enum SecretMode
{
    /// <summary>Audit only.</summary>
    Flag,

    /// <summary>Replace the secret with <c>[REDACTED:&lt;rule id&gt;]</c>.</summary>
    Redact,

    /// <summary>Refuse the whole request.</summary>
    Reject,
}
