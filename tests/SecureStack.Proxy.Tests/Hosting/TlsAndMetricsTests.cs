using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SecureStack.Proxy.Authentication;

namespace SecureStack.Proxy.Tests.Hosting;

public sealed class TlsAndMetricsTests(UpstreamAndProxyFixture fixture) : IClassFixture<UpstreamAndProxyFixture>
{
    [Fact]
    public async Task Https_ServesHttp2_AndMarksTheSessionCookieSecure()
    {
        var directory = Directory.CreateTempSubdirectory("proxy-tls-").FullName;
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var certPath = Path.Combine(directory, "cert.pem");
            var keyPath = Path.Combine(directory, "key.pem");
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

            await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with
            {
                Listen = [new Uri("https://127.0.0.1:0")],
                TlsCertPath = certPath,
                TlsKeyPath = keyPath,
            });
            var thumbprint = certificate.Thumbprint;
            using var client = new HttpClient(new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is X509Certificate2 c && c.Thumbprint == thumbprint },
            })
            {
                BaseAddress = proxy.Url,
                DefaultRequestVersion = HttpVersion.Version20,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            Assert.Equal("https", proxy.Url.Scheme);

            using var models = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
            models.Headers.Add("Authorization", "Bearer " + proxy.Token);
            using var response = await client.SendAsync(models);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var health = await client.GetAsync("/healthz");
            Assert.Equal(HttpVersion.Version20, health.Version);

            using var login = await client.PostAsync(LoginEndpoints.LoginPath, new FormUrlEncodedContent([new("token", proxy.Token)]));
            var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
            Assert.StartsWith("__host-securestack_session=", setCookie, StringComparison.Ordinal);
            Assert.Contains("secure", setCookie, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task MetricsListener_ServesMetricsOnly_WithoutAuth()
    {
        var metricsPort = FreePort.Next();
        await using var proxy = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with { MetricsListen = new Uri($"http://127.0.0.1:{metricsPort}") });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
        using (var health = await proxy.Client().GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var text = await client.GetStringAsync("/metrics");
        // Requests are counted by ASP.NET Core's http.server.request.duration (OpenTelemetry's name), which replaced
        // the hand-rendered securestack_proxy_requests_total.
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        using var other = await client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.Header("host") == $"127.0.0.1:{metricsPort}");
    }

    [Fact]
    public async Task TrustedForwarder_SuppliesTheClientAddress_OthersCannot()
    {
        await using var behind = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with
        {
            IdentityMode = SecureStack.Proxy.Configuration.IdentityMode.TrustedProxy,
            GatewayToken = null,
            TrustedForwarders = [IPAddress.Loopback],
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("X-Forwarded-For", "198.51.100.1, 203.0.113.7");
        request.Headers.Add("X-Case", "trusted-forwarder");
        using var response = await behind.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("203.0.113.7", Assert.Single(fixture.Upstream.Requests, r => r.Header("x-case") == "trusted-forwarder").Header("x-forwarded-for"));

        await using var notTrusted = await TestProxy.StartAsync(fixture.Upstream.Root, o => o with
        {
            IdentityMode = SecureStack.Proxy.Configuration.IdentityMode.TrustedProxy,
            GatewayToken = null,
            TrustedForwarders = [IPAddress.Parse("192.0.2.1")],
        });
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        forged.Headers.Add("X-Forwarded-For", "203.0.113.7");
        forged.Headers.Add("X-Case", "untrusted-forwarder");
        using var forgedResponse = await notTrusted.Client().SendAsync(forged);
        Assert.Equal("127.0.0.1", Assert.Single(fixture.Upstream.Requests, r => r.Header("x-case") == "untrusted-forwarder").Header("x-forwarded-for"));
    }
}
