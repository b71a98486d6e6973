using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureStack.Audit;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Proxy.Tests.Configuration;

/// <summary>Options handed to <see cref="ProxyHost"/> are validated when it starts, with the environment reader's messages.</summary>
public sealed class ProxyOptionsValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("proxy-options-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(0, 200, "PROXY_LOCKOUT_THRESHOLD must be positive.")]
    [InlineData(5, 0, "PROXY_RATE_LIMIT must be 0 or more and PROXY_RATE_BURST positive.")]
    public async Task Start_WithABadSetting_FailsBeforeServing_NamingIt(int lockoutThreshold, int rateBurst, string message)
    {
        var options = new ProxyOptions
        {
            Tokens = [new ApiToken("alice", new byte[32])],
            Upstream = new Uri("http://127.0.0.1:9"),
            Listen = [new Uri("http://127.0.0.1:0")],
            LockoutThreshold = lockoutThreshold,
            RateLimitBurst = rateBurst,
        };
        using var audit = AuditLog.Open(new AuditLogOptions { Path = Path.Combine(_directory, "audit.log") });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = ProxyHost.Create(options, audit, configureLogging: logging => logging.ClearProviders());
            await host.StartAsync();
        });

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        var auditPath = Path.Combine(_directory, "audit.log");
        Assert.False(File.Exists(auditPath) && File.ReadAllText(auditPath).Contains("proxy_start", StringComparison.Ordinal));
    }
}
