using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SecureStack.Scanner.Output;
using SecureStack.Scanner.Tests.Corpus;

namespace SecureStack.Scanner.Tests.Output;

/// <summary>
/// The SARIF writer's output against the SARIF 2.1.0 schema (vendored from the Sarif.Sdk NuGet package, see
/// Output/Schema/README.md), checked by a real JSON Schema validator (JsonSchema.Net) with format checks on.
/// </summary>
public sealed class SarifSchemaTests : IClassFixture<ScannerFixture>
{
    private const string SchemaSha256 = "1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c";
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private readonly SkillScanner _scanner;

    public SarifSchemaTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [Fact]
    public void MaliciousCorpus_IsValidSarif()
    {
        var skills = Skills("malicious");
        var sarif = Sarif(skills);

        AssertValid(sarif, "malicious corpus");
        Assert.True(Results(sarif) >= skills.Count, $"{Results(sarif)} results for {skills.Count} malicious skills: the check must cover real findings");
    }

    [Fact]
    public void BenignCorpus_IsValidSarif()
    {
        var sarif = Sarif(Skills("benign"));

        AssertValid(sarif, "benign corpus");
        Assert.True(Results(sarif) > 0, "the benign corpus has low and medium findings; they must be in the document the schema checks");
    }

    [Fact]
    public void CleanSkill_WithNoResults_IsValidSarif()
    {
        using var skill = new TempDirectory();
        skill.Write("clean-notes/SKILL.md", "---\nname: clean-notes\ndescription: Keeps short notes in the workspace.\n---\n\n# Notes\n\nWrite down what the user asks you to remember.\n");

        var sarif = Sarif([Path.Combine(skill.Path, "clean-notes")]);

        AssertValid(sarif, "clean skill");
        Assert.True(Results(sarif) == 0, "the clean skill has findings: " + sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetRawText());
    }

    [OpenClawSkillsFact]
    public void BundledOpenClawSkills_AreValidSarif()
    {
        var skills = Directory.GetDirectories(OpenClawSkills.Folder!).Order(StringComparer.Ordinal).ToList();

        AssertValid(Sarif(skills), "bundled OpenClaw skills");
    }

    /// <summary>Negative controls: the validator is live and strict, so the checks above can fail.</summary>
    [Theory]
    [InlineData("version", "wrong version")]
    [InlineData("level", "unknown result level")]
    [InlineData("startLine", "line number below 1")]
    [InlineData("extra", "property the schema does not define")]
    [InlineData("uri", "artifact URI that is not a URI reference")]
    public void BrokenSarif_FailsValidation(string breakage, string what)
    {
        var sarif = JsonNode.Parse(Sarif([Path.Combine(TestPaths.Corpus, "malicious", "rs-dev-tcp")]).RootElement.GetRawText())!;
        AssertValid(JsonDocument.Parse(sarif.ToJsonString()), "the unbroken control");
        var result = sarif["runs"]![0]!["results"]![0]!;
        switch (breakage)
        {
            case "version": sarif["version"] = "2.0.0"; break;
            case "level": result["level"] = "fatal"; break;
            case "startLine": result["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = 0; break;
            case "extra": result["severity"] = "critical"; break;
            case "uri": result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"] = "a b\\c:\u0001"; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }

        var evaluation = Schema.Value.Evaluate(JsonDocument.Parse(sarif.ToJsonString()).RootElement, Options);

        Assert.False(evaluation.IsValid, $"a SARIF log with a {what} passed the schema");
    }

    private static List<string> Skills(string corpus) =>
        [.. Directory.GetDirectories(Path.Combine(TestPaths.Corpus, corpus)).Order(StringComparer.Ordinal)];

    private static int Results(JsonDocument sarif) => sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength();

    private static void AssertValid(JsonDocument sarif, string what)
    {
        var evaluation = Schema.Value.Evaluate(sarif.RootElement, Options);
        var errors = (evaluation.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .Take(20)
            .ToList();
        Assert.True(evaluation.IsValid, $"{what}: SARIF not valid against the 2.1.0 schema:\n{string.Join('\n', errors)}");
    }

    private JsonDocument Sarif(IReadOnlyList<string> skills)
    {
        using var stream = new MemoryStream();
        SarifReportWriter.Write(stream, _scanner.ScanMany(skills), _scanner.Rules, TestPaths.RepoRoot);
        return JsonDocument.Parse(stream.ToArray());
    }

    private static JsonSchema LoadSchema()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Output", "Schema", "sarif-2.1.0.json");
        var bytes = File.ReadAllBytes(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.True(hash == SchemaSha256, $"{path} has sha256 {hash}, not the vendored {SchemaSha256} (see Output/Schema/README.md)");
        return JsonSchema.FromText(System.Text.Encoding.UTF8.GetString(bytes));
    }
}
