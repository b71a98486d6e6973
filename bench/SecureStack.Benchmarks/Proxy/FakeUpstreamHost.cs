using System.Runtime.InteropServices;
using SecureStack.Testing;

namespace SecureStack.Benchmarks.Proxy;

/// <summary>The fake upstream (Kestrel) as a process for bench/proxy/run.sh: /bytes/N and WebSocket echo, nothing recorded.</summary>
public static class FakeUpstreamHost
{
    public static async Task RunAsync(int port)
    {
        await using var upstream = new FakeModelProvider { Record = false };
        await upstream.StartAsync(port);
        Console.WriteLine($"fake upstream listening on {upstream.Root}");
        var stop = new TaskCompletionSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });
        await stop.Task;
    }
}
