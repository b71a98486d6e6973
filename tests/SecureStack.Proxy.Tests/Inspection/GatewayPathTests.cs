using SecureStack.Proxy.Inspection;
using SecureStack.Proxy.Prompts;

namespace SecureStack.Proxy.Tests.Inspection;

/// <summary>OpenClaw strips one <c>/__openclaw__/cap/&lt;capability&gt;/</c> prefix before routing (plugin-node-capability.ts); so does the proxy.</summary>
public sealed class GatewayPathTests
{
    [Theory]
    [InlineData("/__openclaw__/cap/x/v1/chat/completions", "/v1/chat/completions")]
    [InlineData("/__openclaw__/cap/abc%20def/hooks/agent", "/hooks/agent")]
    [InlineData("/__openclaw__/cap/x/__openclaw__/cap/y/v1/responses", "/__openclaw__/cap/y/v1/responses")]
    [InlineData("/__openclaw__/cap//v1/chat/completions", "/__openclaw__/cap//v1/chat/completions")]
    [InlineData("/__openclaw__/cap/x", "/__openclaw__/cap/x")]
    [InlineData("/__OPENCLAW__/cap/x/v1/chat/completions", "/__OPENCLAW__/cap/x/v1/chat/completions")]
    [InlineData("/v1/chat/completions", "/v1/chat/completions")]
    public void Normalize_StripsTheCapabilityPrefixOnceAsTheGatewayDoes(string path, string expected) =>
        Assert.Equal(expected, GatewayPath.Normalize(path));

    [Theory]
    [InlineData("/__openclaw__/cap/x/v1/chat/completions", PromptRoute.ChatCompletions)]
    [InlineData("/__openclaw__/cap/x/v1/responses/", PromptRoute.Responses)]
    [InlineData("/__openclaw__/cap/token123/hooks/agent", PromptRoute.HookAgent)]
    [InlineData("/__openclaw__/cap/x/tools/invoke", PromptRoute.ToolsInvoke)]
    [InlineData("/hooks", PromptRoute.HookMapping)]
    public void PromptRoutes_ClassifyThePathTheGatewayRoutes(string path, PromptRoute expected)
    {
        Assert.True(PromptRoutes.TryClassify("POST", path, out var route));
        Assert.Equal(expected, route);
    }

    [Theory]
    [InlineData(" \u00A0\uFEFFsystem\u2028", "system")]
    [InlineData("\u0085user", "\u0085user")]
    public void JsTrim_UsesTheEcmaScriptWhiteSpaceSet(string value, string expected) => Assert.Equal(expected, JsText.Trim(value));
}
