namespace SecureStack.Proxy.Inspection;

/// <summary>The HTTP endpoints whose bodies carry text bound for the model (OPENCLAW.md, "Where prompt text lives").</summary>
public enum LlmBoundKind
{
    ChatCompletions,
    Responses,
    Hook,
    ToolsInvoke,
}
