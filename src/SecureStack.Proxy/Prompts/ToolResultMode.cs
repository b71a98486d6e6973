namespace SecureStack.Proxy.Prompts;

/// <summary>What the relay does when a rule fires inside a tool result (indirect injection).</summary>
public enum ToolResultMode
{
    /// <summary>Audit only; the tool result reaches the model unchanged.</summary>
    Flag,

    /// <summary>Remove the matched spans (a reject rule strips too: a tool result cannot be refused without breaking the turn).</summary>
    Strip,
}
