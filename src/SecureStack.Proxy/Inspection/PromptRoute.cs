namespace SecureStack.Proxy.Inspection;

/// <summary>The model-bound request shapes the inspector understands.</summary>
public enum PromptRoute
{
    /// <summary><c>POST /v1/chat/completions</c>: user messages' text.</summary>
    ChatCompletions,

    /// <summary><c>POST /v1/responses</c>: <c>input</c> and <c>instructions</c>.</summary>
    Responses,

    /// <summary><c>POST /hooks/agent</c>: <c>message</c> and <c>name</c>.</summary>
    HookAgent,

    /// <summary><c>POST /hooks/wake</c>: <c>text</c>.</summary>
    HookWake,

    /// <summary><c>POST /hooks/&lt;mapping&gt;</c>: every string, since a mapping may template any field into the prompt.</summary>
    HookMapping,

    /// <summary><c>POST /tools/invoke</c>: every string in <c>args</c>.</summary>
    ToolsInvoke,

    /// <summary>A chat-completions request OpenClaw sends to a model provider through the relay.</summary>
    ModelRelay,
}
