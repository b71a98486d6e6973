using CsCheck;
using SecureStack.Egress.Allowlist;
using Xunit.Abstractions;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>
/// The egress allowlist parser under arbitrary files: every non-blank line becomes an entry or a problem
/// naming that line, generated entries round-trip, and the match agrees with a plain reference model.
/// </summary>
public sealed class AllowlistFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Tlds = ["example", "test", "invalid"];

    private static readonly Gen<string> Label = Gen.Char["abcdefghijklmnopqrstuvwxyz"].Array[1, 10].Select(a => new string(a));

    /// <summary>A host under a reserved TLD (never a shared suffix, never localhost, never numeric at the end).</summary>
    private static readonly Gen<string> Host = Gen.Select(Label.Array[1, 3], Gen.OneOfConst(Tlds), (labels, tld) => string.Join('.', labels) + "." + tld);

    private static readonly Gen<Spec> Entry = Gen.Select(Host, Gen.Bool, Gen.OneOfConst(443, 443, 80, 8443, 1, 65535), (host, wild, port) => new Spec(host, wild, port));

    [Fact]
    public void Parse_ArbitraryText_EveryLineIsAnEntryOrAProblemNamingIt()
    {
        var line = Gen.Frequency((3, FuzzGen.HostileString.Select(s => s.Replace('\n', ' '))), (2, Entry.Select(e => e.Line)), (1, Gen.OneOfConst("", "# comment", "*", "*.", ":443", "[::1]", "10.0.0.0/8", "localhost", "*.co.uk", "a.b:0", "a.b:99999")));

        Fuzz.Check(line.Array[0, 30], lines =>
        {
            var allowlist = AllowlistParser.Parse(string.Join('\n', lines), "fuzz.conf");

            var expected = Enumerable.Range(1, lines.Length).Where(n => Content(lines[n - 1]).Length > 0).ToList();
            var accounted = allowlist.Entries.Select(e => e.Line).Concat(allowlist.Problems.Select(p => p.Line)).Order().ToList();
            Assert.Equal(expected, accounted);
            Assert.All(allowlist.Problems, p =>
            {
                Assert.Equal("fuzz.conf", p.Source);
                Assert.StartsWith($"fuzz.conf:{p.Line}: ", p.ToString(), StringComparison.Ordinal);
                Assert.Contains(Content(lines[p.Line - 1]), p.Message, StringComparison.Ordinal);
            });
            Assert.All(allowlist.Entries, e =>
            {
                Assert.True(HostNames.IsValidName(e.Domain) && e.Domain.Contains('.', StringComparison.Ordinal), $"entry {e.Domain} is not a host name");
                Assert.InRange(e.Port, 1, 65535);
            });
        }, output, lines => string.Join(" ⏎ ", lines.Select(l => $"[{l}]")));
    }

    [Fact]
    public void Parse_GeneratedEntriesInAnySpelling_RoundTripThroughTheirPattern()
    {
        var gen = Gen.Select(Entry, Gen.Bool, Gen.Bool, Gen.ULong, Gen.OneOfConst("", " ", "\t", " \r"));

        Fuzz.Check(gen, t =>
        {
            var (spec, trailingDot, comment, caseBits, blank) = t;
            var line = blank + Spelled(spec, trailingDot, caseBits) + blank + (comment ? " # why" : "");

            var entry = Assert.Single(AllowlistParser.Parse(line, "fuzz.conf").Entries);

            Assert.Equal(new AllowlistEntry(spec.Host, spec.Wildcard, spec.Port, 1), entry);
            Assert.Equal(entry, Assert.Single(AllowlistParser.Parse(entry.Pattern, "fuzz.conf").Entries));
        }, output, t => Spelled(t.Item1, t.Item2, t.Item4));
    }

    [Fact]
    public void Allows_AnyHostAndPort_AgreesWithTheReferenceModel()
    {
        var gen = Gen.Select(Entry.Array[1, 8], Gen.Int[0, 7], Gen.Int[0, 5], Label, Gen.OneOfConst(443, 80, 8443, 1, 65535, 22));

        Fuzz.Check(gen, t =>
        {
            var (specs, pick, mutation, label, port) = t;
            var allowlist = AllowlistParser.Parse(string.Join('\n', specs.Select(s => s.Line)), "fuzz.conf");
            var host = Query(specs[pick % specs.Length].Host, mutation, label);
            if (HostNames.Normalize(host) is not { } normalized)
            {
                return;
            }

            var model = specs.Any(s => s.Port == port && (s.Wildcard ? normalized.EndsWith("." + s.Host, StringComparison.Ordinal) : normalized == s.Host));
            Assert.Equal(model, allowlist.Allows(normalized, port));
        }, output, t => $"list [{string.Join(", ", t.Item1.Select(s => s.Line))}], query {Query(t.Item1[t.Item2 % t.Item1.Length].Host, t.Item3, t.Item4)}:{t.Item5}");
    }

    /// <summary>Hosts near a listed one: itself, a subdomain, its parent, a look-alike suffix, a changed letter.</summary>
    private static string Query(string host, int mutation, string label) => mutation switch
    {
        0 => host,
        1 => label + "." + host,
        2 => host[(host.IndexOf('.', StringComparison.Ordinal) + 1)..],
        3 => label + host,
        4 => host.ToUpperInvariant() + ".",
        _ => host.Replace(host[0], host[0] == 'z' ? 'a' : (char)(host[0] + 1)),
    };

    private static string Spelled(Spec spec, bool trailingDot, ulong caseBits)
    {
        var name = string.Concat(spec.Host.Select((c, i) => ((caseBits >> (i % 64)) & 1) == 1 ? char.ToUpperInvariant(c) : c));
        return (spec.Wildcard ? "*." : "") + name + (trailingDot ? "." : "") + (spec.Port == 443 && (caseBits & 1) == 0 ? "" : ":" + spec.Port);
    }

    private static string Content(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return (hash < 0 ? line : line[..hash]).Trim();
    }

    private sealed record Spec(string Host, bool Wildcard, int Port)
    {
        public string Line => (Wildcard ? "*." : "") + Host + ":" + Port;
    }
}
