namespace SecureStack.Proxy.Inspection;

/// <summary>Recognises LLM-bound requests by method and path; the path is already checked by <see cref="Paths.PathGuard"/>.</summary>
internal static class LlmBoundRoutes
{
    public static LlmBoundKind? Classify(string method, string path)
    {
        if (!HttpMethods.IsPost(method))
        {
            return null;
        }

        // Trailing slashes are tolerated by the gateway's router, so they are tolerated here too.
        var p = path.Length > 1 ? path.TrimEnd('/') : path;
        if (p.Equals("/v1/chat/completions", StringComparison.OrdinalIgnoreCase))
        {
            return LlmBoundKind.ChatCompletions;
        }

        if (p.Equals("/v1/responses", StringComparison.OrdinalIgnoreCase))
        {
            return LlmBoundKind.Responses;
        }

        if (p.Equals("/tools/invoke", StringComparison.OrdinalIgnoreCase))
        {
            return LlmBoundKind.ToolsInvoke;
        }

        return p.StartsWith("/hooks/", StringComparison.OrdinalIgnoreCase) || p.Equals("/hooks", StringComparison.OrdinalIgnoreCase)
            ? LlmBoundKind.Hook
            : null;
    }
}
