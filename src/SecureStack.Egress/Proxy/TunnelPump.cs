using System.Buffers;
using System.Net.Sockets;

namespace SecureStack.Egress.Proxy;

/// <summary>Copies bytes both ways between two sockets until both sides are done, one fails, or the tunnel idles out.</summary>
internal static class TunnelPump
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Returns true when the tunnel was closed for being idle.</summary>
    public static async Task<bool> RunAsync(Socket client, Socket upstream, TimeSpan idleTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var idle = new IdleWatch(time, idleTimeout, cancel);
        var up = CopyAsync(client, upstream, idle, cancel);
        var down = CopyAsync(upstream, client, idle, cancel);
        await Task.WhenAll(up, down).ConfigureAwait(false);
        return idle.IdledOut;
    }

    private static async Task CopyAsync(Socket from, Socket to, IdleWatch idle, CancellationTokenSource cancel)
    {
        try
        {
            using var output = new NetworkStream(to, ownsSocket: false);
            while (true)
            {
                // Wait for data before renting a buffer, so idle tunnels hold no buffer memory.
                await from.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancel.Token).ConfigureAwait(false);
                var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                try
                {
                    var read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancel.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        // Pass the half-close on: the other direction may still be sending.
                        to.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    // Activity is bytes arriving; a peer that stops reading for the whole timeout is idle too.
                    idle.Touch();
                    await output.WriteAsync(buffer.AsMemory(0, read), cancel.Token).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // One side failed or the tunnel idled out: stop the other direction too.
            await cancel.CancelAsync().ConfigureAwait(false);
        }
    }
}
