using SecureStack.Proxy.Paths;

namespace SecureStack.Proxy.Tests.Paths;

public sealed class PathGuardTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/v1/chat/completions")]
    [InlineData("/assets/index-abc123.js?v=2")]
    [InlineData("/hooks/agent")]
    [InlineData("/ui/")]
    [InlineData("/files/a%20b.txt")]
    [InlineData("/search?q=a.b&page=2")]
    public void Check_AcceptsPlainTargets(string target) => Assert.Null(PathGuard.Check(target));

    [Theory]
    [InlineData("/%2e%2e/admin")]
    [InlineData("/%2E%2E/admin")]
    [InlineData("/healthz/%2e%2e/v1/models")]
    [InlineData("/healthz/../v1/models")]
    [InlineData("/./v1/models")]
    [InlineData("/v1/models/.")]
    [InlineData("/v1%2fmodels")]
    [InlineData("/v1%2Fmodels")]
    [InlineData("/v1%5cmodels")]
    [InlineData("/v1\\models")]
    [InlineData("/healthz;/../v1/models")]
    [InlineData("/v1/models;jsessionid=1")]
    [InlineData("/%252e%252e/v1/models")]
    [InlineData("/v1/%6dodels")]
    [InlineData("//v1/models")]
    [InlineData("/v1//models")]
    [InlineData("/v1/models%00")]
    [InlineData("/v1/models%zz")]
    [InlineData("/v1/models%2")]
    [InlineData("http://evil.example/v1/models")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("/v1/models?token=abc")]
    [InlineData("/v1/models?x=1&ACCESS_TOKEN=abc")]
    [InlineData("/v1/models?api%5Fkey=abc")]
    [InlineData("/caf\u00e9")]
    public void Check_RefusesAmbiguousTargets(string target) => Assert.NotNull(PathGuard.Check(target));
}
