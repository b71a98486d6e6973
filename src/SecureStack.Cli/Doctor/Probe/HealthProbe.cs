using System.Net.Security;
using System.Net.Sockets;

namespace SecureStack.Cli.Doctor.Probe;

/// <summary>
/// A container health check for images without a shell or curl: an http(s) URL must answer 2xx, a
/// tcp://host:port must accept a connection, a file:// path must exist.
/// </summary>
internal static class HealthProbe
{
    public static async Task<ProbeResult> RunAsync(Uri target, bool insecure, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return target.Scheme switch
            {
                "http" or "https" => await ProbeHttpAsync(target, insecure, deadline.Token),
                "tcp" => await ProbeTcpAsync(target, deadline.Token),
                "file" => File.Exists(target.LocalPath) || Directory.Exists(target.LocalPath)
                    ? new ProbeResult(true, $"{target.LocalPath} exists")
                    : new ProbeResult(false, $"{target.LocalPath} does not exist"),
                _ => new ProbeResult(false, $"unsupported scheme {target.Scheme}: use http, https, tcp or file"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, $"{target} did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException)
        {
            return new ProbeResult(false, $"{target}: {e.Message}");
        }
    }

    private static async Task<ProbeResult> ProbeHttpAsync(Uri target, bool insecure, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false };
        if (insecure)
        {
            // Health checks call the service's own self-signed listener on loopback.
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        }
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(target, cancellationToken);
        var status = (int)response.StatusCode;
        return new ProbeResult(response.IsSuccessStatusCode, $"{target} answered {status}");
    }

    private static async Task<ProbeResult> ProbeTcpAsync(Uri target, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(target.Host, target.Port, cancellationToken);
        return new ProbeResult(true, $"{target.Host}:{target.Port} accepts connections");
    }
}
