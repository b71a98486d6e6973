namespace SecureStack.Cli.Tests.Commands;

/// <summary>
/// <c>securestack scan</c> and <c>scan --quarantine</c> on a skills root holding a skill folder that is a symlink:
/// it used to be skipped in silence (exit 0); now it is reported, flagged, and quarantine moves the link (never its target).
/// </summary>
public sealed class ScanSymlinkedSkillTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("securestack-cli-symlink-").FullName;

    private string Root => Path.Combine(_dir, "skills");

    private string Target => Path.Combine(_dir, "elsewhere", "linked");

    private Dictionary<string, string> Environment => new()
    {
        ["SECURESTACK_DB"] = Path.Combine(_dir, "state.db"),
        ["SECURESTACK_QUARANTINE_DIR"] = Path.Combine(_dir, "quarantine"),
        ["SECURESTACK_SKILL_ROOTS"] = Root,
        ["SECURESTACK_CONFIG_DIR"] = Path.Combine(RepoPaths.Root, "config"),
        ["AUDIT_LOG_PATH"] = Path.Combine(_dir, "audit", "audit.jsonl"),
    };

    public ScanSymlinkedSkillTests()
    {
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "SKILL.md"), "---\nname: linked\ndescription: Keeps notes.\n---\nWrite notes to notes.md.\n");
        Directory.CreateDirectory(Path.Combine(Root, "plain"));
        File.WriteAllText(Path.Combine(Root, "plain", "SKILL.md"), "---\nname: plain\ndescription: Keeps notes.\n---\nWrite notes to notes.md.\n");
        Directory.CreateSymbolicLink(Path.Combine(Root, "linked"), Target);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Scan_ReportsTheSymlinkedSkillFolder()
    {
        var result = await CliProcess.RunAsync(Environment, "scan", Root, "--format", "json");

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("SS-SYMLINK-SKILL", result.Output, StringComparison.Ordinal);
        Assert.Contains(Target, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanQuarantine_MovesTheLinkAndLeavesItsTarget()
    {
        var result = await CliProcess.RunAsync(Environment, "scan", Root, "--quarantine", "--format", "json");

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.False(Path.Exists(Path.Combine(Root, "linked")), "the symlinked skill is still in its skill root");
        Assert.True(Directory.Exists(Path.Combine(Root, "plain")));
        Assert.True(File.Exists(Path.Combine(Target, "SKILL.md")), "quarantine followed the link and moved its target");
        Assert.Contains("skill_quarantine", File.ReadAllText(Path.Combine(_dir, "audit", "audit.jsonl")), StringComparison.Ordinal);
    }
}
