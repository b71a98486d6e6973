using System.Text.Json;
using SecureStack.Scanner.Output;

namespace SecureStack.Scanner.Tests.Output;

public sealed class SarifReportWriterTests : IClassFixture<ScannerFixture>
{
    private readonly SkillScanner _scanner;

    public SarifReportWriterTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [Fact]
    public void Write_ProducesSarif210WithStableRulesAndFingerprints()
    {
        var skill = Path.Combine(TestPaths.Corpus, "malicious", "rs-dev-tcp");
        var first = Sarif(skill);
        var second = Sarif(skill);

        var root = first.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = root.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(rules.Order(StringComparer.Ordinal), rules);
        Assert.Equal(_scanner.Rules.Count, rules.Count);
        var result = run.GetProperty("results").EnumerateArray().First(r => r.GetProperty("ruleId").GetString() == "SS-REVERSE-SHELL");
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Equal("SS-REVERSE-SHELL", rules[result.GetProperty("ruleIndex").GetInt32()]);
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("rs-dev-tcp/scripts/connect.sh", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, location.GetProperty("region").GetProperty("startLine").GetInt32());
        var fingerprint = result.GetProperty("partialFingerprints").GetProperty("securestack/v1").GetString();
        var again = second.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().First(r => r.GetProperty("ruleId").GetString() == "SS-REVERSE-SHELL");
        Assert.Equal(fingerprint, again.GetProperty("partialFingerprints").GetProperty("securestack/v1").GetString());
        Assert.Matches("^[0-9a-f]{64}$", run.GetProperty("artifacts")[0].GetProperty("hashes").GetProperty("sha-256").GetString());
    }

    [Fact]
    public void JsonWriter_UsesTheSeedsSnakeCaseShape()
    {
        var report = _scanner.Scan(Path.Combine(TestPaths.Corpus, "malicious", "rs-dev-tcp"));
        using var document = JsonDocument.Parse(JsonReportWriter.Serialize(report));
        var root = document.RootElement;
        foreach (var name in new[] { "skill_name", "skill_path", "checksum", "findings", "trust_score", "scanned_at", "duration_ms" })
        {
            Assert.True(root.TryGetProperty(name, out _), $"missing {name}");
        }
        var finding = root.GetProperty("findings")[0];
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.True(finding.TryGetProperty("rule_id", out _));
    }

    private JsonDocument Sarif(string skill)
    {
        using var stream = new MemoryStream();
        SarifReportWriter.Write(stream, [_scanner.Scan(skill)], _scanner.Rules, TestPaths.RepoRoot);
        return JsonDocument.Parse(stream.ToArray());
    }
}
