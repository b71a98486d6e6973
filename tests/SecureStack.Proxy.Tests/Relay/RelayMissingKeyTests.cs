using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Relay;
using SecureStack.Proxy.Sanitizing;

namespace SecureStack.Proxy.Tests.Relay;

/// <summary>
/// A provider without its key: the relay answers at once with a 409 that names the setting (instead of sending the
/// call keyless and waiting for the provider), /readyz stays ready but carries the warning, and a model server on
/// loopback may still go without a key.
/// </summary>
public sealed class RelayMissingKeyTests : IAsyncLifetime
{
    private const string Expected = "no API key configured for provider openai; set OPENAI_API_KEY in .env";

    private readonly FakeModelProvider _local = new();
    private readonly string _relayKey = "relay-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private TestProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        await _local.StartAsync();
        _proxy = await TestProxy.StartAsync(_local.Root, o => o with
        {
            Prompts = new PromptSettings { RulesPath = Sanitizing.RulesFile.Path },
            Relay = new RelaySettings
            {
                // 192.0.2.1 (TEST-NET-1) is public and unroutable: a call that went out would hang until the time-out.
                Providers = [new RelayProvider("openai", new Uri("https://192.0.2.1/v1"), null), new RelayProvider("local", new Uri(_local.BaseUrl), null)],
                KeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(_relayKey)),
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _local.DisposeAsync();
    }

    [Fact]
    public async Task ChatThroughAProviderWithoutKey_IsAnsweredAtOnce_WithANamedError()
    {
        using var client = RelayClient();
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("/relay/openai/v1/chat/completions", Chat("hello"));
        clock.Stop();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.StartsWith(Expected, (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal("no_api_key", (string?)error["code"]);
        Assert.Equal("no_api_key", (string?)Assert.Single(_proxy.AuditEvents("proxy_error"))["details"]?["error"]);
    }

    [Fact]
    public async Task WrongRelayKey_StillGets401_NotTheConfigurationError()
    {
        using var client = RelayClient("not-the-relay-key-0123456789");
        using var response = await client.PostAsync("/relay/openai/v1/chat/completions", Chat("hello"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("API key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopbackProviderWithoutKey_IsStillRelayed()
    {
        using var client = RelayClient();
        using var response = await client.PostAsync("/relay/local/v1/chat/completions", Chat("hello"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("FAKE-LLM-REPLY", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_IsReady_AndWarnsAboutTheMissingKey()
    {
        using var client = _proxy.Client(authenticated: false);
        using var response = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ok", (string?)body["status"]);
        var warning = (string?)Assert.Single(body["warnings"]!.AsArray());
        Assert.StartsWith(Expected, warning, StringComparison.Ordinal);
    }

    private HttpClient RelayClient(string? key = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _proxy.Url, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? _relayKey);
        return client;
    }

    private static StringContent Chat(string text) => new(
        new JsonObject { ["model"] = "gpt-4o-mini", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }) }.ToJsonString(),
        Encoding.UTF8, "application/json");
}
