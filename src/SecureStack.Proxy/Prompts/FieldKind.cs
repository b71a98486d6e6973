namespace SecureStack.Proxy.Prompts;

/// <summary>How a text field is treated.</summary>
internal enum FieldKind
{
    /// <summary>Text the user typed: every rule action applies.</summary>
    User,

    /// <summary>Content the model reads but nobody typed (tool results): indirect injection, actions capped by configuration.</summary>
    Indirect,

    /// <summary>Only checked for secrets (relay: system and assistant turns).</summary>
    SecretsOnly,
}
