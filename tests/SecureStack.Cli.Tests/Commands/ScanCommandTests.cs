using System.Text.Json;

namespace SecureStack.Cli.Tests.Commands;

/// <summary>
/// <c>securestack scan</c> as a real process: output formats, <c>--output</c>, <c>--fail-on</c>, configuration errors,
/// <c>--metadata</c>, and <c>--pin / --quarantine</c> with the quarantine database and the audit log.
/// </summary>
public sealed class ScanCommandTests : IDisposable
{
    private static readonly string Rules = Path.Combine(RepoPaths.Root, "config", "scanner-rules.json");
    private static readonly string ReverseShell = Corpus("malicious", "rs-dev-tcp");
    private readonly string _dir = Directory.CreateTempSubdirectory("securestack-cli-scan-").FullName;

    private string Root => Path.Combine(_dir, "skills");

    private Dictionary<string, string> Environment => new()
    {
        ["SECURESTACK_DB"] = Path.Combine(_dir, "state.db"),
        ["SECURESTACK_QUARANTINE_DIR"] = Path.Combine(_dir, "quarantine"),
        ["SECURESTACK_SKILL_ROOTS"] = Root,
        ["SECURESTACK_CONFIG_DIR"] = Path.Combine(RepoPaths.Root, "config"),
        ["AUDIT_LOG_PATH"] = Path.Combine(_dir, "audit", "audit.jsonl"),
    };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Pin_ThenAChange_IsACriticalPinMismatch()
    {
        var skill = WriteSkill("notes", "---\nname: notes\ndescription: Keeps short notes in the workspace.\n---\nWrite notes to notes.md.\n");

        var pinned = await CliProcess.RunAsync(Environment, "scan", skill, "--pin", "--format", "json");
        Assert.True(pinned.ExitCode == 0, pinned.Output);
        File.AppendAllText(Path.Combine(skill, "SKILL.md"), "One more line.\n");
        var changed = await CliProcess.RunAsync(Environment, "scan", skill, "--format", "json");

        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("SS-PIN-MISMATCH", changed.Output, StringComparison.Ordinal);
        Assert.Contains("skill_pin_mismatch", File.ReadAllText(Path.Combine(_dir, "audit", "audit.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantine_MovesAFlaggedSkillOutOfItsRoot_AndLeavesACleanOne()
    {
        var evil = Path.Combine(Root, "pi-ignore-previous");
        CopyDirectory(Path.Combine(RepoPaths.Root, "tests", "corpus", "malicious", "pi-ignore-previous"), evil);
        var clean = WriteSkill("notes", "---\nname: notes\ndescription: Keeps short notes in the workspace.\n---\nWrite notes to notes.md.\n");

        var result = await CliProcess.RunAsync(Environment, "scan", Root, "--quarantine", "--format", "json");

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.False(Directory.Exists(evil), "the flagged skill is still in its skill root");
        Assert.True(Directory.Exists(clean));
        Assert.Contains(Directory.EnumerateFiles(Path.Combine(_dir, "quarantine"), "QUARANTINED.md", SearchOption.AllDirectories), _ => true);
        Assert.Contains("skill_quarantine", File.ReadAllText(Path.Combine(_dir, "audit", "audit.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantine_WithoutADatabase_IsAUsageError()
    {
        var env = Environment;
        env.Remove("SECURESTACK_DB");
        env["SECURESTACK_DB"] = "";

        var result = await CliProcess.RunAsync(env, "scan", WriteSkill("x", "---\nname: x\ndescription: y\n---\n"), "--quarantine");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--db", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sarif_IsSarif210WithARuleIdOnEveryResult()
    {
        var result = await CliProcess.RunSeparatelyAsync(null, "scan", ReverseShell, "--rules", Rules, "--format", "sarif");

        Assert.True(result.ExitCode == 1, result.StandardError);
        using var sarif = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = Assert.Single(sarif.RootElement.GetProperty("runs").EnumerateArray());
        var ruleIds = run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToList();
        Assert.NotEmpty(ruleIds);
        Assert.All(ruleIds, id => Assert.StartsWith("SS-", id, StringComparison.Ordinal));
        Assert.Contains("SS-REVERSE-SHELL", ruleIds);
        var driverRules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
        Assert.Superset(ruleIds.ToHashSet(), driverRules);
    }

    [Theory]
    [InlineData("table")]
    [InlineData(null)]
    public async Task Table_IsTheDefaultAndListsEachFindingWithoutColourWhenRedirected(string? format)
    {
        string[] arguments = format is null ? ["scan", ReverseShell, "--rules", Rules] : ["scan", ReverseShell, "--rules", Rules, "--format", format];

        var result = await CliProcess.RunSeparatelyAsync(null, arguments);

        Assert.True(result.ExitCode == 1, result.StandardError);
        Assert.StartsWith("remote-support  MALICIOUS  score ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"\n  decided by SS-REVERSE-SHELL \S+:\d+ \(\+", result.StandardOutput);
        Assert.Matches(@"\n  CRITICAL SS-REVERSE-SHELL +\S+:\d+:\d+\n", result.StandardOutput);
        Assert.Contains("1 skill(s) scanned: 1 malicious, 0 suspicious, 0 clean", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json", "\"skill_name\": \"remote-support\"")]
    [InlineData("sarif", "\"version\": \"2.1.0\"")]
    [InlineData("table", "1 skill(s) scanned")]
    public async Task Output_WritesTheReportToTheFileAndNothingToStandardOutput(string format, string marker)
    {
        var file = Path.Combine(_dir, "report." + format);

        var result = await CliProcess.RunSeparatelyAsync(null, "scan", ReverseShell, "--rules", Rules, "--format", format, "--output", file);

        Assert.True(result.ExitCode == 1, result.StandardError);
        Assert.Contains(marker, File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Theory]
    [InlineData("malicious", "bin-elf", "critical", 0)]
    [InlineData("malicious", "bin-elf", "high", 1)]
    [InlineData("benign", "js-execfile", "high", 0)]
    [InlineData("benign", "js-execfile", "medium", 1)]
    [InlineData("benign", "cron-explainer", "medium", 0)]
    [InlineData("benign", "cron-explainer", "low", 1)]
    [InlineData("benign", "git-hooks", "info", 0)]
    public async Task FailOn_ExitsOneOnlyWhenAFindingReachesTheThreshold(string corpus, string skill, string failOn, int exitCode)
    {
        var result = await CliProcess.RunSeparatelyAsync(null, "scan", Corpus(corpus, skill), "--rules", Rules, "--format", "json", "--fail-on", failOn);

        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}: {result.StandardError}{result.StandardOutput}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{ \"version\": 1, \"rules\": [")]
    [InlineData("{ \"version\": 1, \"rules\": [] }")]
    [InlineData("{ \"version\": 1, \"rules\": [{ \"id\": \"SS-X\", \"name\": \"x\", \"severity\": \"high\", \"languages\": [\"bash\"], \"pattern\": \"(\", \"description\": \"x\", \"examples\": { \"positive\": [\"x\"] } }] }")]
    public async Task Rules_MissingOrInvalid_ExitsTwoNamingTheFile(string? content)
    {
        var rules = Path.Combine(_dir, "broken-rules.json");
        if (content is not null)
        {
            File.WriteAllText(rules, content);
        }

        var result = await CliProcess.RunSeparatelyAsync(null, "scan", Corpus("benign", "git-hooks"), "--rules", rules);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(rules, result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--fail-on", "severe")]
    public async Task UnknownOptionValue_ExitsTwoNamingTheValue(string option, string value)
    {
        var result = await CliProcess.RunSeparatelyAsync(null, "scan", Corpus("benign", "git-hooks"), "--rules", Rules, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(value, result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task Metadata_FileFeedsTheTrustScore()
    {
        var metadata = Path.Combine(_dir, "registry.json");
        File.WriteAllText(metadata, "{\"owner\": {\"reputation\": 35}, \"stats\": {\"downloads\": 4200, \"reviews\": 3}}");

        var result = await CliProcess.RunSeparatelyAsync(null, "scan", Corpus("benign", "git-hooks"), "--rules", Rules, "--format", "json", "--metadata", metadata);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var trust = Assert.Single(report.RootElement.EnumerateArray()).GetProperty("trust_score");
        Assert.Equal(35, trust.GetProperty("author_reputation").GetInt32());
        Assert.Equal(4200, trust.GetProperty("download_count").GetInt32());
        Assert.Equal(3, trust.GetProperty("community_reviews").GetInt32());
        Assert.Equal(JsonValueKind.Null, trust.GetProperty("last_update_days").ValueKind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{ \"owner\": ")]
    [InlineData("[1, 2]")]
    public async Task Metadata_MissingOrInvalid_ExitsTwoNamingTheFile(string? content)
    {
        var metadata = Path.Combine(_dir, "registry.json");
        if (content is not null)
        {
            File.WriteAllText(metadata, content);
        }

        var result = await CliProcess.RunSeparatelyAsync(null, "scan", Corpus("benign", "git-hooks"), "--rules", Rules, "--metadata", metadata);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(metadata, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
    }

    private static string Corpus(string kind, string name) => Path.Combine(RepoPaths.Root, "tests", "corpus", kind, name);

    private string WriteSkill(string name, string skillMd)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "SKILL.md"), skillMd);
        return path;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
