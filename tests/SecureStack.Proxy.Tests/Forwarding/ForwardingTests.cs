using System.Diagnostics;
using System.Net;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Tests.Forwarding;

public sealed class ForwardingTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    private static HttpRequestMessage WithForgedHeaders(HttpMethod method, string path, string marker)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Case", marker);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-User", "admin");
        request.Headers.Add("Forwarded", "for=203.0.113.9");
        request.Headers.Add("X-Real-IP", "203.0.113.9");
        request.Headers.Add("X-Remote-User", "admin");
        request.Headers.Add("True-Client-IP", "203.0.113.9");
        request.Headers.Add("Cookie", "theme=dark; securestack_session=abc.def");
        return request;
    }

    private static readonly string[] ForwardingHeaders =
        ["x-forwarded-proto", "x-forwarded-host", "x-forwarded-user", "forwarded", "x-real-ip", "true-client-ip"];

    [Fact]
    public async Task TokenMode_StripsClientHeadersAndPresentsTheGatewayToken()
    {
        using var client = fixture.Proxy.Client();
        using var response = await client.SendAsync(WithForgedHeaders(HttpMethod.Get, "/v1/models", "token-mode-headers"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var seen = Assert.Single(fixture.Upstream.Requests, r => r.Header("x-case") == "token-mode-headers");
        Assert.Equal("Bearer " + TestProxy.GatewayToken, seen.Header("authorization"));
        Assert.All(ForwardingHeaders.Append("x-forwarded-for").Append("x-remote-user"), h => Assert.Null(seen.Header(h)));
        Assert.Equal("theme=dark", seen.Header("cookie"));
    }

    [Fact]
    public async Task TrustedProxyMode_SetsTheUserAndItsOwnForwardedFor()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { IdentityMode = IdentityMode.TrustedProxy, GatewayToken = null });
        using var client = proxy.Client();
        using var response = await client.SendAsync(WithForgedHeaders(HttpMethod.Get, "/v1/models", "trusted-mode-headers"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var seen = Assert.Single(fixture.Upstream.Requests, r => r.Header("x-case") == "trusted-mode-headers");
        Assert.Equal("alice", seen.Header("x-remote-user"));
        Assert.Equal("127.0.0.1", seen.Header("x-forwarded-for"));
        Assert.Equal("http", seen.Header("x-forwarded-proto"));
        Assert.Null(seen.Header("authorization"));
        Assert.All(ForwardingHeaders.Except(["x-forwarded-proto", "x-forwarded-host"]), h => Assert.Null(seen.Header(h)));
        Assert.NotEqual("evil.example", seen.Header("x-forwarded-host"));
    }

    [Fact]
    public async Task TraceContext_IsNotAddedTowardsTheUpstream()
    {
        // A listener makes hosting and HttpClient start activities, as an operator's tracing would; the gateway
        // still must not learn the proxy's trace ids.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = fixture.Proxy.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("X-Case", "trace-context");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var seen = Assert.Single(fixture.Upstream.Requests, r => r.Header("x-case") == "trace-context");
        Assert.All(new[] { "traceparent", "tracestate", "request-id", "baggage" }, h => Assert.Null(seen.Header(h)));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("HEAD")]
    public async Task EveryMethod_IsForwarded(string method)
    {
        using var client = fixture.Proxy.Client();
        var marker = "method-" + method;
        using var request = new HttpRequestMessage(new HttpMethod(method), "/some/path?x=1");
        request.Headers.Add("X-Case", marker);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{\"body\":\"" + marker + "\"}");
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(fixture.Upstream.Requests, r => r.Header("x-case") == marker);
        Assert.Equal(method, seen.Method);
        Assert.Equal("/some/path?x=1", seen.RawTarget);
        if (request.Content is not null)
        {
            Assert.Contains(marker, seen.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sse_FirstEventReachesTheClientBeforeTheUpstreamFinishes()
    {
        await using var upstream = new FakeModelProvider { HoldStreamAfterFirstEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await upstream.StartAsync();
        await using var proxy = await TestProxy.StartAsync(upstream.Root);
        using var client = proxy.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"streamed words here\"}]}"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        using var firstEventTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = await reader.ReadLineAsync(firstEventTimeout.Token);
        Assert.StartsWith("data: {", first, StringComparison.Ordinal);
        Assert.False(upstream.HoldStreamAfterFirstEvent.Task.IsCompleted);

        upstream.HoldStreamAfterFirstEvent.SetResult();
        var rest = await reader.ReadToEndAsync();
        Assert.Contains("streamed", rest, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamDown_Gives502WithAGenericBodyAndAProxyErrorEvent()
    {
        await using var proxy = await TestProxy.StartAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        using var client = proxy.Client();
        using var response = await client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("{\"error\":\"upstream unavailable\"}", await response.Content.ReadAsStringAsync());
        var error = Assert.Single(proxy.AuditEvents("proxy_error"));
        Assert.Equal("127.0.0.1", (string?)error["source_ip"]);
        Assert.Equal("/v1/models", (string?)error["details"]?["path"]);

        using var ready = await proxy.Client(authenticated: false).GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task SilentUpstream_Gives504AfterTheActivityTimeout()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { UpstreamTimeout = TimeSpan.FromSeconds(1) });
        using var client = proxy.Client();
        using var response = await client.GetAsync("/__hang");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("{\"error\":\"upstream unavailable\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("RequestTimedOut", (string?)Assert.Single(proxy.AuditEvents("proxy_error"))["details"]?["error"]);
    }

    [Fact]
    public async Task HealthEndpoints_AnswerWithoutAuthentication()
    {
        using var client = fixture.Proxy.Client(authenticated: false);
        using var health = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");
        using var post = await client.PostAsync("/healthz", new StringContent(""));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Contains(fixture.Upstream.Requests, r => r.RawTarget == "/healthz");
    }

    /// <summary>
    /// Metrics are served on the metrics listener only (one rule for proxy, egress proxy and watcher), no longer as
    /// /_securestack/metrics behind auth; request counts come from ASP.NET Core's http.server.request.duration.
    /// </summary>
    [Fact]
    public async Task Metrics_CountRequestsAndAuthFailures_OnTheMetricsListener()
    {
        var metricsPort = FreePort.Next();
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { MetricsListen = new Uri($"http://127.0.0.1:{metricsPort}") });
        using var anonymous = proxy.Client(authenticated: false);
        using var refused = await anonymous.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        wrong.Headers.Add("Authorization", "Bearer tok-wrong-value-0123456789");
        using var forbidden = await anonymous.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
        var text = await scraper.GetStringAsync("/metrics");
        Assert.Matches(@"http_server_request_duration_seconds_count\{[^}]*http_response_status_code=""401""[^}]*\} [1-9]", text);
        Assert.Matches(@"securestack_proxy_auth_failures_total\{[^}]*\} [1-9]", text);
        Assert.Matches(@"http_server_request_duration_seconds_bucket\{[^}]*le=""\+Inf""[^}]*\} [1-9]", text);
    }

    [Fact]
    public async Task Audit_RecordsFailuresWithSourceButNeverTheToken()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root);
        const string Presented = "tok-presented-wrong-value-0123456789";
        using var client = proxy.Client(authenticated: false);
        client.DefaultRequestHeaders.Add("Authorization", "Bearer " + Presented);
        using var response = await client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var failure = Assert.Single(proxy.AuditEvents("auth_failure"));
        Assert.Equal("127.0.0.1", (string?)failure["source_ip"]);
        Assert.Equal("unknown token", (string?)failure["details"]?["reason"]);
        Assert.DoesNotContain(Presented, File.ReadAllText(proxy.AuditPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_RecordsOneSuccessPerConnectionByDefault()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root);
        using var client = proxy.Client();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var success = Assert.Single(proxy.AuditEvents("auth_success"));
        Assert.Equal("alice", (string?)success["user_id"]);
    }

    [Fact]
    public async Task Audit_EveryModeRecordsEachSuccess()
    {
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { AuthSuccessAudit = AuthSuccessAudit.Every });
        using var client = proxy.Client();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/v1/models");
        }

        Assert.Equal(3, proxy.AuditEvents("auth_success").Count);
    }
}
