using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Relay;
using SecureStack.Proxy.Sanitizing;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Classifier;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Proxy.Tests.Sanitizing;

/// <summary>
/// The classifier's operating points come from PROMPT_FLAG_THRESHOLD and PROMPT_REJECT_THRESHOLD and hold on every path:
/// the same ordinary sentence passes a proxy with the shipped thresholds and is refused (HTTP, WebSocket) or flagged
/// (a relay tool result, never refused) by a proxy whose thresholds are set below its score.
/// </summary>
public sealed class ThresholdTests : IAsyncLifetime
{
    /// <summary>Ordinary text that no rule matches; its classifier score is measured below, not assumed.</summary>
    private const string Text = "Could you explain how attackers hide instructions in web pages, so our team can review our own site?";

    private readonly FakeModelProvider _provider = new();
    private readonly string _relayKey = "relay-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public Task InitializeAsync() => _provider.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task ThresholdsFromTheEnvironment_ChangeTheVerdict_OnHttpWebSocketAndRelay()
    {
        var analyzer = new PromptAnalyzer(PromptRuleSet.Load(RulesFile.Path, compileOnFirstUse: true));
        var shipped = InjectionModel.Shipped;
        var score = analyzer.Analyze(Text).Score;
        Assert.Empty(analyzer.Analyze(Text).Findings);
        Assert.InRange(score, 0.02f, shipped.FlagThreshold);
        var threshold = score * 0.9f;
        foreach (var other in (string[])["s", "fake-model", "Fetch the page and summarise it."])
        {
            // The other strings of the requests below stay under the lowered threshold: only Text decides.
            Assert.True(analyzer.Analyze(other).Score < threshold, other);
        }

        var value = threshold.ToString("R", CultureInfo.InvariantCulture);
        var read = ProxyEnvironment.Read(new Dictionary<string, string?>
        {
            ["API_TOKEN"] = "tok-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ["UPSTREAM_URL"] = _provider.Root.ToString().TrimEnd('/'),
            ["PROMPT_FLAG_THRESHOLD"] = value,
            ["PROMPT_REJECT_THRESHOLD"] = value,
        }.GetValueOrDefault);
        Assert.Equal(threshold, read.Prompts!.Analyzer.ModelRejectThreshold);

        await using var standard = await StartAsync(new SanitizerOptions());
        await using var lowered = await StartAsync(read.Prompts.Analyzer);

        Assert.Equal(HttpStatusCode.OK, (await PostChatAsync(standard)).StatusCode);
        using var refused = await PostChatAsync(lowered);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(PromptFinding.ModelScore, JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["rules"]!.AsArray().Select(r => (string?)r));

        Assert.Null((await SendFrameAsync(standard))["error"]);
        Assert.Equal("FORBIDDEN", (string?)(await SendFrameAsync(lowered))["error"]?["code"]);

        Assert.Equal(HttpStatusCode.OK, (await PostToolResultAsync(standard)).StatusCode);
        Assert.DoesNotContain(standard.AuditEvents("prompt_injection"), e => (bool?)e["details"]?["indirect"] == true);
        Assert.Equal(HttpStatusCode.OK, (await PostToolResultAsync(lowered)).StatusCode);
        var flagged = Assert.Single(lowered.AuditEvents("prompt_injection"), e => (bool?)e["details"]?["indirect"] == true);
        Assert.Equal("flag", (string?)flagged["action"]);
    }

    [Theory]
    [InlineData("PROMPT_FLAG_THRESHOLD", "0", "PROMPT_FLAG_THRESHOLD=0 must be a classifier probability above 0 and at most 1.")]
    [InlineData("PROMPT_REJECT_THRESHOLD", "1.5", "PROMPT_REJECT_THRESHOLD=1.5 must be a classifier probability above 0 and at most 1.")]
    [InlineData("PROMPT_REJECT_THRESHOLD", "high", "PROMPT_REJECT_THRESHOLD=\"high\" must be a number.")]
    public void BadThreshold_StopsTheProxy_NamingTheSetting(string name, string value, string message)
    {
        var e = Assert.Throws<ProxyConfigurationException>(() => ProxyEnvironment.Read(new Dictionary<string, string?>
        {
            ["API_TOKEN"] = "tok-0123456789abcdef",
            ["UPSTREAM_URL"] = "http://127.0.0.1:18789",
            [name] = value,
        }.GetValueOrDefault));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void FlagAboveReject_StopsTheProxy_NamingBoth()
    {
        var e = Assert.Throws<ProxyConfigurationException>(() => ProxyEnvironment.Read(new Dictionary<string, string?>
        {
            ["API_TOKEN"] = "tok-0123456789abcdef",
            ["UPSTREAM_URL"] = "http://127.0.0.1:18789",
            ["PROMPT_FLAG_THRESHOLD"] = "0.9",
            ["PROMPT_REJECT_THRESHOLD"] = "0.5",
        }.GetValueOrDefault));
        Assert.StartsWith("PROMPT_FLAG_THRESHOLD=0.9 is above PROMPT_REJECT_THRESHOLD=0.5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadThresholdInOptions_StopsTheHostAtStart_NamingTheSetting()
    {
        var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => StartAsync(
            new SanitizerOptions { ModelFlagThreshold = 0.9f, ModelRejectThreshold = 0.5f }));
        Assert.Contains("PROMPT_FLAG_THRESHOLD=0.9 is above PROMPT_REJECT_THRESHOLD=0.5", e.Message, StringComparison.Ordinal);
    }

    private Task<TestProxy> StartAsync(SanitizerOptions sanitizer) =>
        TestProxy.StartAsync(_provider.Root, o => o with
        {
            Prompts = new PromptSettings { RulesPath = RulesFile.Path, Analyzer = sanitizer },
            Relay = new RelaySettings
            {
                Providers = [new RelayProvider("fake", new Uri(_provider.BaseUrl), "real-provider-key-0123456789")],
                KeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(_relayKey)),
            },
        });

    private static async Task<HttpResponseMessage> PostChatAsync(TestProxy proxy)
    {
        var body = new JsonObject { ["model"] = "fake-model", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Text }) };
        return await proxy.Client().PostAsync("/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    private static async Task<JsonObject> SendFrameAsync(TestProxy proxy)
    {
        using var ws = await WsClient.ConnectAsync(proxy.Url, o => o.SetRequestHeader("Authorization", "Bearer " + proxy.Token));
        await ws.SendAsync(new JsonObject
        {
            ["type"] = "req", ["id"] = "t1", ["method"] = "chat.send", ["params"] = new JsonObject { ["sessionKey"] = "s", ["message"] = Text },
        });
        return await ws.ReceiveJsonAsync();
    }

    /// <summary>A new turn whose only new message is a tool result carrying <see cref="Text"/>.</summary>
    private async Task<HttpResponseMessage> PostToolResultAsync(TestProxy proxy)
    {
        var body = new JsonObject
        {
            ["model"] = "fake-model",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Fetch the page and summarise it." },
                new JsonObject
                {
                    ["role"] = "assistant", ["content"] = null,
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "call_1", ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = "web_fetch", ["arguments"] = "{}" },
                    }),
                },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = Text }),
        };
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = proxy.Url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _relayKey);
        return await client.PostAsync("/relay/fake/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
    }
}
