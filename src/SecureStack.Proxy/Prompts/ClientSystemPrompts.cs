namespace SecureStack.Proxy.Prompts;

/// <summary>
/// What to do with text a client sends that OpenClaw makes part of the model's system prompt: <c>system</c> and
/// <c>developer</c> messages, and <c>instructions</c> of <c>/v1/responses</c> (PROXY_CLIENT_SYSTEM_PROMPTS).
/// </summary>
public enum ClientSystemPrompts
{
    /// <summary>Inspect it like user text (every rule action applies).</summary>
    Inspect,

    /// <summary>Refuse the request: clients of this deployment have no business setting the system prompt.</summary>
    Refuse,
}
