using System.Net;
using System.Text;
using SecureStack.Proxy.Inspection;

namespace SecureStack.Proxy.Tests.Inspection;

/// <summary>The sanitizer's HTTP seam: a registered inspector sees LLM-bound bodies and can rewrite or refuse them.</summary>
public sealed class BodyInspectionTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    private async Task<TestProxy> StartAsync() =>
        await TestProxy.StartAsync(fixture.Upstream.Root, services: s => s.AddSingleton<IRequestBodyInspector, MarkerBodyInspector>());

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/responses")]
    [InlineData("/hooks/agent")]
    [InlineData("/tools/invoke")]
    public async Task Inspector_RewritesLlmBoundBodies(string path)
    {
        await using var proxy = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{\"message\":\"REWRITE-ME " + path + "\"}") };
        request.Headers.Add("X-Case", "rewrite" + path);
        using var response = await proxy.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(fixture.Upstream.Requests, r => r.Header("x-case") == "rewrite" + path);
        Assert.Equal("{\"message\":\"[removed] " + path + "\"}", seen.Body);
        Assert.Equal(Encoding.UTF8.GetByteCount(seen.Body).ToString(System.Globalization.CultureInfo.InvariantCulture), seen.Header("content-length"));
        Assert.Single(proxy.AuditEvents("prompt_injection"));
    }

    [Fact]
    public async Task Inspector_RefusalNeverReachesTheUpstream()
    {
        await using var proxy = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent("{\"message\":\"BLOCK-ME\"}") };
        request.Headers.Add("X-Case", "inspector-refusal");
        using var response = await proxy.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"error\":\"bad request\"}", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.Header("x-case") == "inspector-refusal");
        Assert.Equal("marker found", (string?)Assert.Single(proxy.AuditEvents("policy_denied"))["details"]?["reason"]);
    }

    [Fact]
    public async Task FailingInspector_RefusesTheRequest()
    {
        await using var proxy = await StartAsync();
        using var response = await proxy.Client().PostAsync("/v1/chat/completions", new StringContent("THROW-ME"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("inspector bug", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherRoutes_AreNotInspected()
    {
        await using var proxy = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = new StringContent("REWRITE-ME") };
        request.Headers.Add("X-Case", "not-inspected");
        using var response = await proxy.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("REWRITE-ME", Assert.Single(fixture.Upstream.Requests, r => r.Header("x-case") == "not-inspected").Body);
    }

    [Fact]
    public async Task CompressedLlmBody_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new ByteArrayContent([0x1f, 0x8b, 0, 0]) };
        request.Content.Headers.ContentEncoding.Add("gzip");
        using var response = await fixture.Proxy.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private sealed class MarkerBodyInspector : IRequestBodyInspector
    {
        public string Name => "marker";

        public ValueTask<InspectionVerdict> InspectAsync(RequestBodyContext context, CancellationToken cancellationToken)
        {
            Assert.Equal("alice", context.Identity.Name);
            var text = Encoding.UTF8.GetString(context.Body.Span);
            if (text.Contains("THROW-ME", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("inspector bug");
            }

            if (text.Contains("BLOCK-ME", StringComparison.Ordinal))
            {
                return ValueTask.FromResult(InspectionVerdict.Refuse("marker found"));
            }

            return ValueTask.FromResult(text.Contains("REWRITE-ME", StringComparison.Ordinal)
                ? InspectionVerdict.Replace(Encoding.UTF8.GetBytes(text.Replace("REWRITE-ME", "[removed]", StringComparison.Ordinal)), "marker rewritten")
                : InspectionVerdict.Allow);
        }
    }
}
