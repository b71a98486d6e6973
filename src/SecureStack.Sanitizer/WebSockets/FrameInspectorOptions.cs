namespace SecureStack.Sanitizer.WebSockets;

/// <summary>Settings of WebSocket frame inspection.</summary>
public sealed record FrameInspectorOptions
{
    /// <summary>The OpenClaw request methods that carry prompt text.</summary>
    public static readonly IReadOnlySet<string> DefaultPromptMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "chat.send", "agent", "sessions.send", "sessions.create", "conversations.send", "conversations.turn", "chat.inject", "wake",
    };

    public IReadOnlySet<string> PromptMethods { get; init; } = DefaultPromptMethods;

    /// <summary>Largest frame inspected; a larger request frame of a prompt method is refused.</summary>
    public int MaxFrameBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Largest decoded attachment inspected as text; larger text attachments are refused.</summary>
    public int MaxAttachmentBytes { get; init; } = 2 * 1024 * 1024;
}
