using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Primitives;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Paths;

namespace SecureStack.Benchmarks.Proxy;

/// <summary>The proxy's per-request checks, against hashing the token alone (the floor of a constant-time compare).</summary>
[MemoryDiagnoser]
public class ProxyAuthBenchmarks
{
    private const string Token = "tok-0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly StringValues _header = new("Bearer " + Token);
    private TokenStore _store = null!;

    [Params(1, 8)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup() => _store = new TokenStore([.. Enumerable.Range(0, Tokens).Select(i =>
        new ApiToken("t" + i, SHA256.HashData(Encoding.UTF8.GetBytes(i == Tokens - 1 ? Token : Token + i))))]);

    [Benchmark(Baseline = true)]
    public byte[] HashOnly() => SHA256.HashData(Encoding.UTF8.GetBytes(Token));

    [Benchmark]
    public string? PathGuardCheck() => PathGuard.Check("/v1/chat/completions?stream=true");

    [Benchmark]
    public ApiToken? ParseAndFindToken() =>
        BearerHeader.Parse(_header, out var token) == BearerOutcome.Present ? _store.Find(token) : null;
}
