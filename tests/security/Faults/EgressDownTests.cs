using System.Net;
using System.Net.Sockets;
using System.Text;
using SecureStack.Security.Tests.Stack;

namespace SecureStack.Security.Tests.Faults;

/// <summary>
/// The egress proxy is down: the model relay's HTTPS_PROXY points at a port nobody listens on. Model calls
/// must fail cleanly (a generic 502 to the gateway, no exception text), be audited as <c>proxy_error</c>, and
/// must not go around the egress proxy straight to the provider.
/// </summary>
[Collection("Faults")]
public sealed class EgressDownTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ModelCall_WithEgressProxyDown_Fails502_Audited_NeverDirect(bool stream)
    {
        var stack = new FaultStack();
        var relayKey = "relay-" + Guid.NewGuid().ToString("N");
        // Stands in for the provider: the relay must never reach it directly while the egress proxy is down.
        using var provider = new TcpListener(IPAddress.Loopback, 0);
        provider.Start();
        var providerPort = ((IPEndPoint)provider.LocalEndpoint).Port;
        var deadEgress = $"http://127.0.0.1:{FreePort.Next()}";
        await using var proxy = await ProxyProcess.StartAsync(new Dictionary<string, string>
        {
            ["UPSTREAM_URL"] = "http://127.0.0.1:9",
            ["AUDIT_LOG_PATH"] = stack.AuditPath,
            ["API_TOKEN"] = stack.Token,
            ["RELAY_PROVIDERS"] = $"fake=https://127.0.0.1:{providerPort}/v1",
            ["RELAY_KEY"] = relayKey,
            ["RELAY_API_KEY_FAKE"] = "sk-fake-" + Guid.NewGuid().ToString("N"),
            ["HTTPS_PROXY"] = deadEgress,
            ["https_proxy"] = deadEgress,
            ["NO_PROXY"] = "",
            ["no_proxy"] = "",
        });

        using var client = stack.Client(proxy.Url, authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/relay/fake/v1/chat/completions")
        {
            Content = new StringContent(
                $"{{\"model\":\"fake-model\",\"stream\":{(stream ? "true" : "false")},\"messages\":[{{\"role\":\"user\",\"content\":\"What is the capital of France?\"}}]}}",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", relayKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("{\"error\":\"upstream unavailable\"}", body);
        Assert.False(provider.Pending(), "the relay went straight to the provider, around the egress proxy");
        // The operator's log says which provider failed (the relay logs through the main path's event, with its path);
        // the client's answer above says nothing.
        Assert.Contains("Upstream error Request for POST /relay/fake/v1/chat/completions", proxy.ReadOutput(), StringComparison.Ordinal);

        Assert.True(await proxy.StopAsync(TimeSpan.FromSeconds(35)));
        var records = stack.VerifiedRecords();
        var error = Assert.Single(records, r => r.EventType == "proxy_error");
        Assert.Equal("relay:fake", error.UserId);
        Assert.Equal("/relay/fake/v1/chat/completions", error.DetailString("path"));
        Assert.Equal("service_stop", records[^1].EventType);
    }
}
