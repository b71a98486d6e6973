using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SecureStack.Egress.Proxy;

namespace SecureStack.Egress.Tests;

/// <summary>Answers from a table, like a DNS server the test controls; names not in it do not exist.</summary>
internal sealed class FakeResolver(Dictionary<string, string[]> answers) : IHostResolver
{
    public ConcurrentQueue<string> Queries { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Queries.Enqueue(host);
        return answers.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
