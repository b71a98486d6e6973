using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Relay;
using SecureStack.Proxy.Tests.Sanitizing;
using SecureStack.Testing;
using Xunit.Abstractions;
using SecureStack.Proxy.Sanitizing;

namespace SecureStack.Proxy.Tests.Relay;

/// <summary>
/// The missing-key answer as the real OpenClaw gateway handles it (measured here, OpenClaw 2026.9.6): with a 409 the
/// gateway gives up after 4 calls in about 11 s and logs the relay's message as the raw error (its chat text is only
/// "request failed (HTTP 409)"); once the key is set (the proxy restarted with it) the very next chat works, so the
/// provider was not put in cooldown. With a 503 it retried 8 times over 86 s and then said "provider internal error
/// ... try again shortly".
/// </summary>
[Trait("Category", "OpenClaw")]
public sealed class OpenClawMissingKeyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string RelayKeyOfTheGateway = "fake-key";
    private const string Named = "no API key configured for provider fake";

    private readonly FakeModelProvider _provider = new();
    private readonly int _port = FreePort.Next();
    private OpenClawGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        await _provider.StartAsync();
        _gateway = await OpenClawGateway.StartAsync(new OpenClawGatewayOptions { ProviderBaseUrl = $"http://127.0.0.1:{_port}/relay/fake/v1" });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task ChatWithoutKey_FailsWithinSeconds_WithTheNamedError_AndWithTheKeySet_TheNextChatWorks()
    {
        await using (var proxy = await StartProxyAsync(new RelayProvider("fake", new Uri("https://192.0.2.1/v1"), null)))
        {
            var clock = Stopwatch.StartNew();
            using var response = await proxy.Client().PostAsync("/v1/chat/completions", Chat("hello E2E-NOKEY"));
            var answer = await response.Content.ReadAsStringAsync();
            clock.Stop();
            var refusals = proxy.AuditEvents("proxy_error").Count(e => (string?)e["details"]?["error"] == "no_api_key");
            // What the chat shows: the gateway logs each failed run with its user-facing text as error=.
            var shown = _gateway.ReadLog().Split('\n').Where(l => l.Contains("agent end", StringComparison.Ordinal) && l.Contains("isError=true", StringComparison.Ordinal)).ToList();
            output.WriteLine($"without key: HTTP {(int)response.StatusCode} after {clock.Elapsed.TotalSeconds:F1} s, {refusals} relay call(s): {answer}\n{string.Join('\n', shown)}");

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
            Assert.InRange(refusals, 1, 4);
            Assert.Contains(shown, l => l.Contains("rawError=409 " + Named, StringComparison.Ordinal));
            // The gateway answers "internal error"; through the proxy the person reads the relay's named message.
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal(Named, ((string?)JsonNode.Parse(answer)?["error"]?["message"])?[..Named.Length]);

            // The Control UI's chat: OpenClaw's own text is "request failed (HTTP 409)"; the proxy names the key instead.
            using var socket = await GatewayWsClient.OpenAsync(proxy.Url, o => o.SetRequestHeader("Authorization", "Bearer " + proxy.Token));
            Assert.True((bool?)(await socket.ConnectAsync())["ok"]);
            var failed = await socket.ChatAsync("hello over the socket E2E-NOKEY-WS");
            output.WriteLine($"chat event: {failed.ToJsonString()}");
            Assert.Equal("error", (string?)failed["state"]);
            Assert.StartsWith("⚠️ " + Named, (string?)failed["errorMessage"], StringComparison.Ordinal);
        }

        await using (var proxy = await StartProxyAsync(new RelayProvider("fake", new Uri(_provider.BaseUrl), "real-" + Guid.NewGuid().ToString("N"))))
        {
            using var response = await proxy.Client().PostAsync("/v1/chat/completions", Chat("hello again E2E-KEYSET"));
            var body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"with key: HTTP {(int)response.StatusCode}: {body}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, body + "\n" + _gateway.ReadLog());
            Assert.Contains("FAKE-LLM-REPLY", body, StringComparison.Ordinal);
        }
    }

    private Task<TestProxy> StartProxyAsync(RelayProvider provider) =>
        TestProxy.StartAsync(_gateway.Url, o => o with
        {
            Listen = [new Uri($"http://127.0.0.1:{_port}")],
            IdentityMode = IdentityMode.Token,
            GatewayToken = _gateway.Token,
            UpstreamTimeout = TimeSpan.FromSeconds(120),
            Prompts = new PromptSettings { RulesPath = RulesFile.Path },
            Relay = new RelaySettings { Providers = [provider], KeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(RelayKeyOfTheGateway)) },
        });

    private static StringContent Chat(string text) => new(new JsonObject
    {
        ["model"] = "openclaw/default",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
    }.ToJsonString(), Encoding.UTF8, "application/json");
}
