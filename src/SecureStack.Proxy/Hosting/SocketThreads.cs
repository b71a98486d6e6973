using System.Runtime.CompilerServices;

namespace SecureStack.Proxy.Hosting;

/// <summary>
/// Socket continuations run inline on the socket event threads (Kestrel's inline scheduling and the runtime's
/// inline completions) instead of hopping to the thread pool on every read and write: 9–45 % less CPU
/// per forwarded request (bench/RESULTS.md › Proxy). An event thread serves many connections, so CPU-heavy work
/// (decompression, the prompt sanitizer at about 0.4 ms per KB) leaves it first. Audit appends stay: tens of
/// microseconds each, plus at most one fsync per fsync interval (0.2–1 ms here).
/// </summary>
public static class SocketThreads
{
    private const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Asks the runtime for inline socket completions. It reads the variable once, when the process creates its
    /// first socket, so this runs before that; an operator's own value (0 turns it off) wins.
    /// </summary>
    public static void PreferInlineCompletions()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
        }
    }

    /// <summary>Continues on a thread-pool thread, off the socket event thread that may be running the caller.</summary>
    internal static YieldAwaitable LeaveAsync() => Task.Yield();
}
