using SecureStack.Proxy.Inspection;

namespace SecureStack.Proxy.Inspection;

/// <summary>
/// The proxy's one route table: maps an HTTP request to the shape its body has, for the paths that reach the model, on the
/// main path (<see cref="TryClassify"/>) and on the model relay (<see cref="ClassifyRelayOperation"/>).
/// </summary>
internal static class PromptRoutes
{
    /// <summary>
    /// Classifies <paramref name="path"/> (already checked by the proxy's path guard) the way the gateway routes
    /// it: first OpenClaw's own rewrite (<see cref="GatewayPath.Normalize"/>), then a match that ignores case and
    /// a trailing slash, so a differently spelt path cannot skip inspection. The one route table of the proxy:
    /// the body inspection and the relay both ask it. Relay paths are <c>/relay/&lt;provider&gt;/v1/chat/completions</c>.
    /// </summary>
    public static bool TryClassify(string method, string path, out PromptRoute route)
    {
        route = default;
        if (!string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var p = GatewayPath.Normalize(path);
        p = p.Length > 1 ? p.TrimEnd('/') : p;
        if (Is(p, "/v1/chat/completions"))
        {
            route = PromptRoute.ChatCompletions;
        }
        else if (Is(p, "/v1/responses"))
        {
            route = PromptRoute.Responses;
        }
        else if (Is(p, "/hooks/agent"))
        {
            route = PromptRoute.HookAgent;
        }
        else if (Is(p, "/hooks/wake"))
        {
            route = PromptRoute.HookWake;
        }
        else if (p.StartsWith("/hooks/", StringComparison.OrdinalIgnoreCase) || Is(p, "/hooks"))
        {
            route = PromptRoute.HookMapping;
        }
        else if (Is(p, "/tools/invoke"))
        {
            route = PromptRoute.ToolsInvoke;
        }
        else if (p.StartsWith("/relay/", StringComparison.OrdinalIgnoreCase) && p.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase))
        {
            route = PromptRoute.ModelRelay;
        }
        else
        {
            return false;
        }

        return true;
    }

    private static bool Is(string path, string expected) => string.Equals(path, expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The relay's operations, <c>/relay/&lt;provider&gt;/v1&lt;operation&gt;</c>, matched as the provider routes them (exact case,
    /// a trailing slash ignored): OpenAI chat completions and Anthropic messages, OpenAI responses; null for anything else,
    /// which the relay never forwards since it could not inspect it.
    /// </summary>
    public static PromptRoute? ClassifyRelayOperation(string operation) => operation.TrimEnd('/') switch
    {
        "/chat/completions" or "/messages" => PromptRoute.ModelRelay,
        "/responses" => PromptRoute.Responses,
        _ => null,
    };
}
