namespace SecureStack.Security.Tests.Stack;

public sealed class ProxyProcessTests
{
    [Fact]
    public async Task Proxy_RefusesWithoutToken_AndStopsOnSigterm()
    {
        var directory = Directory.CreateTempSubdirectory("securestack-security-").FullName;
        await using var proxy = await ProxyProcess.StartAsync(new Dictionary<string, string>
        {
            ["UPSTREAM_URL"] = "http://127.0.0.1:9",
            ["AUDIT_LOG_PATH"] = Path.Combine(directory, "audit.log"),
            ["API_TOKEN"] = "t-" + Guid.NewGuid().ToString("N"),
        });

        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(proxy.Url, "/v1/models"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(await proxy.StopAsync(TimeSpan.FromSeconds(15)), "the proxy did not exit on SIGTERM");
        Assert.Equal(0, proxy.ExitCode);
    }
}
