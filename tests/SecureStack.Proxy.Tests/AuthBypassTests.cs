namespace SecureStack.Proxy.Tests;

/// <summary>
/// THREATS.md §3 (in the design docs beside the repository: ../shared/docs/THREATS.md) as a table: hostile
/// requests sent byte for byte over TCP. Each must be refused with the expected status, and the upstream must
/// have seen nothing carrying the case's marker.
/// </summary>
public sealed class AuthBypassTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    private const int Closed = 0;

    public static TheoryData<string> CaseNames => [.. AuthBypassCases.Cases.Keys];

    [Fact]
    public void Table_HasAtLeastFortyCases() => Assert.True(AuthBypassCases.Cases.Count >= 40, $"{AuthBypassCases.Cases.Count} cases");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileRequest_IsRefusedAndNeverReachesTheUpstream(string name)
    {
        var expected = AuthBypassCases.Cases[name].Expected;
        var request = AuthBypassCases.Render(name, fixture.Proxy.Token, "tok-" + new string('0', 48), fixture.Proxy.Port);

        var response = await RawHttp.SendAsync(fixture.Proxy.Port, request);

        Assert.Contains(RawHttp.StatusOf(response), expected);
        Assert.DoesNotContain(fixture.Upstream.Requests, r =>
            r.Header("x-case") == name || r.RawTarget.Contains(name, StringComparison.Ordinal) || r.Body.Contains(name, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Proxy.Token, response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowHeaders_AreCutOffWithoutReachingTheUpstream()
    {
        var partial = $"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Case: slowloris\r\nAuthorization: Bearer {fixture.Proxy.Token}\r\nX-Slow: a";
        var response = await RawHttp.SendAsync(fixture.Proxy.Port, partial, TimeSpan.FromSeconds(15));
        Assert.Contains(RawHttp.StatusOf(response), new[] { 408, Closed });
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.Header("x-case") == "slowloris");
    }

    [Fact]
    public async Task ValidRequest_ReachesTheUpstream_SoTheTableChecksSomething()
    {
        var request = $"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Case: control\r\nAuthorization: Bearer {fixture.Proxy.Token}\r\nConnection: close\r\n\r\n";
        var response = await RawHttp.SendAsync(fixture.Proxy.Port, request);
        Assert.Equal(200, RawHttp.StatusOf(response));
        Assert.Contains(fixture.Upstream.Requests, r => r.Header("x-case") == "control");
    }

    [Fact]
    public async Task RefusedRequests_ShareOneGenericBody()
    {
        var missing = await RawHttp.SendAsync(fixture.Proxy.Port, AuthBypassCases.Get("/v1/models").Replace("{CASE}", "generic-1", StringComparison.Ordinal).Replace("{HOST}", "x", StringComparison.Ordinal));
        var wrong = await RawHttp.SendAsync(fixture.Proxy.Port, AuthBypassCases.Get("/v1/models", "Authorization: Bearer nope\r\n").Replace("{CASE}", "generic-2", StringComparison.Ordinal).Replace("{HOST}", "x", StringComparison.Ordinal));
        Assert.Equal(401, RawHttp.StatusOf(missing));
        Assert.Equal(403, RawHttp.StatusOf(wrong));
        Assert.EndsWith("{\"error\":\"unauthorized\"}", missing, StringComparison.Ordinal);
        Assert.EndsWith("{\"error\":\"unauthorized\"}", wrong, StringComparison.Ordinal);
    }
}
