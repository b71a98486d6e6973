using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureStack.Testing;

/// <summary>Sends bytes exactly as written over TCP and returns what came back, for requests HttpClient refuses to send.</summary>
public static class RawHttp
{
    public static async Task<string> SendAsync(int port, string request, TimeSpan? timeout = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var response = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                response.Write(buffer, 0, read);
                if (IsComplete(response))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // Timed out or reset: return what arrived.
        }

        return Encoding.Latin1.GetString(response.ToArray());
    }

    /// <summary>The status code of the first response line, or 0 when nothing came back.</summary>
    public static int StatusOf(string response) =>
        response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && response.Length >= 12 && int.TryParse(response.AsSpan(9, 3), out var status)
            ? status
            : 0;

    /// <summary>A response with a Content-Length is complete once its body arrived.</summary>
    private static bool IsComplete(MemoryStream response)
    {
        var text = Encoding.Latin1.GetString(response.GetBuffer(), 0, (int)response.Length);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        foreach (var line in text[..end].Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line.AsSpan(15).Trim(), out var length))
            {
                return text.Length - end - 4 >= length;
            }
        }

        return false;
    }
}
