namespace SecureStack.Cli.Tests.Commands;

/// <summary><c>securestack scan --pin / --quarantine</c> with the real scanner, the quarantine database and the audit log.</summary>
public sealed class ScanCommandTests : IDisposable
{
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
