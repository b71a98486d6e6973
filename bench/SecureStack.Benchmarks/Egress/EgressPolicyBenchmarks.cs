using System.Net;
using BenchmarkDotNet.Attributes;
using SecureStack.Egress.Addresses;
using SecureStack.Egress.Allowlist;

namespace SecureStack.Benchmarks.Egress;

/// <summary>Per-request policy work: allowlist lookups (default list and a 200-entry list) and address classification.</summary>
[MemoryDiagnoser]
public class EgressPolicyBenchmarks
{
    private static readonly IPAddress PublicV4 = IPAddress.Parse("104.18.33.45");
    private static readonly IPAddress PrivateV4 = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress PublicV6 = IPAddress.Parse("2606:4700:4700::1111");
    private static readonly IPAddress MappedV6 = IPAddress.Parse("::ffff:10.1.2.3");
    private EgressAllowlist _default = null!;
    private EgressAllowlist _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        _default = AllowlistParser.Parse("api.openai.com\napi.anthropic.com\n", "default.conf");
        var lines = Enumerable.Range(0, 100).Select(i => $"api{i}.example{i}.com")
            .Concat(Enumerable.Range(0, 100).Select(i => $"*.svc{i}.example.org"));
        _large = AllowlistParser.Parse(string.Join('\n', lines), "large.conf");
    }

    [Benchmark(Baseline = true)]
    public bool DefaultListHit() => _default.Allows("api.openai.com", 443);

    [Benchmark]
    public bool DefaultListMiss() => _default.Allows("evil.example.com", 443);

    [Benchmark]
    public bool LargeListExactHit() => _large.Allows("api57.example57.com", 443);

    [Benchmark]
    public bool LargeListWildcardHit() => _large.Allows("x.svc99.example.org", 443);

    [Benchmark]
    public bool LargeListMiss() => _large.Allows("evil.example.com", 443);

    [Benchmark]
    public AddressCategory ClassifyPublicIPv4() => AddressClassifier.Classify(PublicV4);

    [Benchmark]
    public AddressCategory ClassifyPrivateIPv4() => AddressClassifier.Classify(PrivateV4);

    [Benchmark]
    public AddressCategory ClassifyPublicIPv6() => AddressClassifier.Classify(PublicV6);

    [Benchmark]
    public AddressCategory ClassifyMappedIPv6() => AddressClassifier.Classify(MappedV6);
}
