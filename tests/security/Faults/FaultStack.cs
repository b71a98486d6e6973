using SecureStack.Audit;
using SecureStack.Audit.Chain;
using SecureStack.Security.Tests.Stack;

namespace SecureStack.Security.Tests.Faults;

/// <summary>What every fault test shares: a fresh token and audit log, and reading that log back once verified.</summary>
internal sealed class FaultStack
{
    public FaultStack()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("securestack-faults-").FullName;
        AuditPath = Path.Combine(Directory, "audit.log");
    }

    public string Directory { get; }

    public string AuditPath { get; set; }

    public string Token { get; } = "fault-" + Guid.NewGuid().ToString("N");

    /// <summary>The log's records, after asserting the whole chain verifies: nothing was lost or torn.</summary>
    public List<AuditRecord> VerifiedRecords()
    {
        var verification = new AuditChainVerifier(null).Verify(AuditPath);
        Assert.True(verification.Intact, $"the audit log does not verify: {verification.Location} {verification.Reason}");
        return [.. AuditLogReader.ReadAll(AuditPath)];
    }

    /// <summary>The proxy process in front of <paramref name="upstream"/>, with this stack's token and log, auditing every authentication.</summary>
    public Task<ProxyProcess> StartProxyAsync(Uri upstream) => ProxyProcess.StartAsync(new Dictionary<string, string>
    {
        ["UPSTREAM_URL"] = upstream.ToString(),
        ["AUDIT_LOG_PATH"] = AuditPath,
        ["API_TOKEN"] = Token,
        ["PROXY_AUDIT_AUTH_SUCCESS"] = "every",
    });

    public HttpClient Client(Uri proxy, bool authenticated = true)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(20) };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        }

        return client;
    }
}
