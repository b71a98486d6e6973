namespace SecureStack.Proxy.Prompts;

/// <summary>Settings of WebSocket frame inspection.</summary>
public sealed record FrameInspectorOptions
{
    /// <summary>
    /// The OpenClaw 2026.9.6 request methods whose params reach the model's context: prompts and steering of a
    /// running turn, answers and tool results handed to the agent, and standing instructions the agent reads in every
    /// later turn (workspace files such as AGENTS.md, cron jobs' messages, agent definitions, goals, skill proposals).
    /// The proxy's method table test checks that each one exists in the pinned gateway.
    /// </summary>
    public static readonly IReadOnlySet<string> DefaultPromptMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        // Prompts and steering.
        "chat.send", "chat.inject", "agent", "wake", "sessions.send", "sessions.steer", "sessions.create", "sessions.dispatch",
        "sessions.companion.ask", "conversations.send", "conversations.turn", "openclaw.chat", "talk.session.steer", "talk.client.steer",
        "talk.client.transcript", "talk.client.toolCall", "talk.session.submitToolResult", "question.resolve", "tools.invoke",
        "mcp.app.updateModelContext", "nativeHook.invoke", "taskSuggestions.create", "session.suggestions.add",
        // Standing instructions: text the agent reads later as its own.
        "agents.files.set", "sessions.files.set", "agents.create", "agents.update", "cron.add", "cron.update", "cron.scratch.set",
        "sessions.goal.update", "skills.proposals.create", "skills.proposals.update", "skills.proposals.revise",
        "skills.proposals.requestRevision", "skills.library.save", "users.prefs.set",
    };

    public IReadOnlySet<string> PromptMethods { get; init; } = DefaultPromptMethods;

    /// <summary>Largest frame inspected; a larger request frame of a prompt method is refused.</summary>
    public int MaxFrameBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Largest decoded attachment inspected as text; larger text attachments are refused.</summary>
    public int MaxAttachmentBytes { get; init; } = 2 * 1024 * 1024;
}
