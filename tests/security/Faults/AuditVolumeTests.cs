using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SecureStack.Security.Tests.Load;
using SecureStack.Security.Tests.Stack;

namespace SecureStack.Security.Tests.Faults;

/// <summary>
/// The audit volume fills up, later turns read-only (a 1 MiB tmpfs, remounted). While the log cannot take
/// events the proxy refuses what must be audited (authentication), still counts failures towards the lockout,
/// says why in its log and in /readyz, and recovers by itself once the volume takes writes again; the log
/// verifies afterwards and accounts for every event it could not record.
/// </summary>
[Collection("Faults")]
public sealed class AuditVolumeTests
{
    private const string Unavailable = "{\"error\":\"service unavailable\"}";

    [RootFact]
    public async Task AuditVolumeFullThenReadOnly_RefusesAuthenticatedRequests_SaysWhy_Recovers()
    {
        var stack = new FaultStack();
        using var volume = Tmpfs.Mount(kilobytes: 1024);
        stack.AuditPath = Path.Combine(volume.Path, "audit.log");
        await using var upstream = await LoopbackUpstream.StartAsync();
        await using var proxy = await stack.StartProxyAsync(upstream.Url);
        using var client = stack.Client(proxy.Url);
        var served = 0;
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/api/before"));
        served++;
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/readyz"));

        // Full: the log's last page may still take a record or two, then every authentication is refused.
        var filler = volume.Fill();
        var refusedWhileFull = 0;
        for (var i = 0; i < 50 && refusedWhileFull == 0; i++)
        {
            using var response = await client.GetAsync("/api/full");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                served++;
                continue;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(Unavailable, await response.Content.ReadAsStringAsync());
            refusedWhileFull++;
        }

        Assert.Equal(1, refusedWhileFull);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(client, "/api/still-full"));
        refusedWhileFull++;
        await AssertNotReadyAsync(client, proxy, "No space left on device");

        // Wrong tokens from another address: refused, unaudited, yet they still lead to the lockout.
        using var attacker = AttackerClient(proxy.Url);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(attacker, "/api/guess"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(attacker, "/api/guess"));

        File.Delete(filler);
        await AssertRecoversAsync(client);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/api/after-full"));
        served++;

        // Read-only: nothing can be appended at all.
        volume.ReadOnly();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(client, "/api/read-only"));
        // EROFS, reported by the audit log's lock file as its errno.
        await AssertNotReadyAsync(client, proxy, "(errno 30)");
        volume.ReadWrite();
        await AssertRecoversAsync(client);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/api/after-read-only"));
        served++;

        Assert.True(await proxy.StopAsync(TimeSpan.FromSeconds(35)), "the proxy did not stop");
        Assert.Equal(0, proxy.ExitCode);
        var records = stack.VerifiedRecords();
        Assert.Equal(served, records.Count(r => r.EventType == "auth_success"));
        var outages = records.Where(r => r.Action == "audit_log_recovered").ToList();
        Assert.Equal(2, outages.Count);
        Assert.Equal(refusedWhileFull + 5, outages[0].DetailNumber("unrecorded_events"));
        Assert.Equal(1, outages[1].DetailNumber("unrecorded_events"));
        Assert.Equal("service_stop", records[^1].EventType);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>/readyz is 503 and names the audit log, /healthz stays 200, the proxy's log has the OS error.</summary>
    private static async Task AssertNotReadyAsync(HttpClient client, ProxyProcess proxy, string osError)
    {
        using var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("audit log unavailable", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/healthz"));
        Assert.Contains(osError, proxy.ReadOutput(), StringComparison.Ordinal);
    }

    /// <summary>/readyz turns 200 by itself (its probe), without a request that needs the log.</summary>
    private static async Task AssertRecoversAsync(HttpClient client)
    {
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (await StatusAsync(client, "/readyz") != HttpStatusCode.OK)
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "/readyz stayed not ready after the audit volume recovered");
            await Task.Delay(200);
        }
    }

    /// <summary>A client with a wrong token whose connections come from 127.0.0.2, so its lockout bans only itself.</summary>
    private static HttpClient AttackerClient(Uri proxy)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong-" + Guid.NewGuid().ToString("N"));
        return client;
    }
}
