namespace SecureStack.Proxy.Prompts;

/// <summary>Settings of model-relay inspection.</summary>
public sealed record RelayOptions
{
    public ToolResultMode ToolResults { get; init; } = ToolResultMode.Flag;

    public SecretMode Secrets { get; init; } = SecretMode.Redact;

    /// <summary>
    /// Inspect every message of the conversation, not only the new turn (the messages after the last
    /// assistant message). Earlier turns were inspected when they were new; re-inspecting them costs time
    /// and, after a rule change, could refuse a whole session because of an old message.
    /// </summary>
    public bool InspectFullHistory { get; init; }
}
