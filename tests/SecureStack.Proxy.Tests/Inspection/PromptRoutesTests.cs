using SecureStack.Proxy.Inspection;

namespace SecureStack.Proxy.Tests.Inspection;

public sealed class PromptRoutesTests
{
    [Theory]
    [InlineData("/v1/chat/completions", PromptRoute.ChatCompletions)]
    [InlineData("/V1/Chat/Completions/", PromptRoute.ChatCompletions)]
    [InlineData("/v1/responses", PromptRoute.Responses)]
    [InlineData("/hooks/agent", PromptRoute.HookAgent)]
    [InlineData("/hooks/wake", PromptRoute.HookWake)]
    [InlineData("/hooks/github", PromptRoute.HookMapping)]
    [InlineData("/tools/invoke", PromptRoute.ToolsInvoke)]
    [InlineData("/relay/openai/v1/chat/completions", PromptRoute.ModelRelay)]
    public void TryClassify_RecognisesModelBoundPaths(string path, PromptRoute expected)
    {
        Assert.True(PromptRoutes.TryClassify("POST", path, out var route));
        Assert.Equal(expected, route);
    }

    [Theory]
    [InlineData("GET", "/v1/chat/completions")]
    [InlineData("POST", "/v1/models")]
    [InlineData("POST", "/health")]
    public void TryClassify_IgnoresOtherRequests(string method, string path) => Assert.False(PromptRoutes.TryClassify(method, path, out _));

    [Theory]
    [InlineData("/chat/completions", PromptRoute.ModelRelay)]
    [InlineData("/messages/", PromptRoute.ModelRelay)]
    [InlineData("/responses", PromptRoute.Responses)]
    [InlineData("/embeddings", null)]
    [InlineData("/Chat/Completions", null)]
    public void ClassifyRelayOperation_KnowsWhatTheRelayCanInspect(string operation, PromptRoute? expected) =>
        Assert.Equal(expected, PromptRoutes.ClassifyRelayOperation(operation));
}
