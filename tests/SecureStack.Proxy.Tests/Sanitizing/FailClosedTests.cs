using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Tests.WebSockets;
using SecureStack.Proxy.Sanitizing;

namespace SecureStack.Proxy.Tests.Sanitizing;

/// <summary>
/// A missing or broken rule file: the proxy still starts and serves health, but refuses all model-bound
/// traffic (HTTP 503, WebSocket FORBIDDEN), says why in /readyz and in the audit log, and forwards nothing.
/// </summary>
public sealed class FailClosedTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    public static TheoryData<string, string?> BrokenRules => new()
    {
        { "missing", null },
        { "not-json", "{ this is not json" },
        { "bad-regex", "{\"version\":1,\"rules\":[{\"id\":\"x\",\"name\":\"x\",\"pattern\":\"(unclosed\",\"action\":\"reject\",\"description\":\"x\"}]}" },
        { "bad-action", "{\"version\":1,\"rules\":[{\"id\":\"x\",\"name\":\"x\",\"pattern\":\"a\",\"action\":\"explode\",\"description\":\"x\"}]}" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task BrokenRuleFile_RefusesModelBoundTraffic_ButServesHealth(string name, string? content)
    {
        var directory = Directory.CreateTempSubdirectory("rules-").FullName;
        try
        {
            var path = Path.Combine(directory, "prompt-rules.json");
            if (content is not null)
            {
                await File.WriteAllTextAsync(path, content);
            }

            await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { Prompts = new PromptSettings { RulesPath = path } });
            using var client = proxy.Client();

            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = new StringContent("{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Case", "fail-closed-" + name);
            using var refused = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.DoesNotContain(fixture.Upstream.Requests, r => r.Header("x-case") == "fail-closed-" + name);

            using var health = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var ready = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var reason = (string?)JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["reason"];
            Assert.StartsWith("prompt rules unavailable", reason, StringComparison.Ordinal);
            Assert.Contains("prompt-rules.json", reason, StringComparison.Ordinal);

            // Traffic that carries no prompt still flows.
            using var models = await client.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.OK, models.StatusCode);

            using var ws = await WsClient.ConnectAsync(proxy.Url, o => o.SetRequestHeader("Authorization", "Bearer " + proxy.Token));
            await ws.SendAsync(new JsonObject { ["type"] = "req", ["id"] = "c1", ["method"] = "chat.send", ["params"] = new JsonObject { ["message"] = "hello" } });
            var frame = await ws.ReceiveJsonAsync();
            Assert.Equal("c1", (string?)frame["id"]);
            Assert.Equal("FORBIDDEN", (string?)frame["error"]?["code"]);

            var warning = Assert.Single(proxy.AuditEvents("config_warning"));
            Assert.Equal("prompt_rules_unavailable", (string?)warning["action"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task WorkingRules_MakeReadyzDependOnTheUpstreamOnly()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { Prompts = new PromptSettings { RulesPath = RulesFile.Path } });
        using var ready = await proxy.Client(authenticated: false).GetAsync("/readyz");
        // On a loaded machine the upstream probe may time out; what must not appear is the sanitizer's reason.
        var answer = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Null(answer["reason"]);
        Assert.Equal(ready.StatusCode == HttpStatusCode.OK ? "ok" : "upstream unavailable", (string?)answer["status"]);
        Assert.Empty(proxy.AuditEvents("config_warning"));
    }
}
