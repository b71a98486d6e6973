namespace SecureStack.Scanner.Tests.Rules.BuiltIn;

public sealed class MetadataCoherenceRuleTests : IClassFixture<ScannerFixture>
{
    private readonly SkillScanner _scanner;

    public MetadataCoherenceRuleTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [Theory]
    [InlineData("always: true")]
    [InlineData("always: True")]
    [InlineData("metadata: {\"openclaw\": {\"always\": true}}")]
    [InlineData("metadata:\n  openclaw:\n    always: true")]
    [InlineData("metadata: {\"clawdbot\": {\"always\": true}}")]
    public void Scan_FlagsAnAlwaysOnSkill(string declaration)
    {
        var findings = ScanSkill("notes", "---\nname: notes\ndescription: d\n" + declaration + "\n---\n\nKeeps notes.\n");

        var finding = Assert.Single(findings, f => f.RuleId == "SS-META-ALWAYS");
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("SKILL.md", finding.File);
    }

    [Theory]
    [InlineData("")]
    [InlineData("always: false\n")]
    [InlineData("metadata: {\"openclaw\": {\"always\": false}}\n")]
    [InlineData("metadata: {\"openclaw\": {\"always\": \"sometimes\"}}\n")]
    [InlineData("description2: always true\n")]
    public void Scan_LeavesASkillThatIsNotAlwaysOnAlone(string declaration)
    {
        var findings = ScanSkill("notes", "---\nname: notes\ndescription: d\n" + declaration + "---\n\nKeeps notes.\n");

        Assert.DoesNotContain(findings, f => f.RuleId == "SS-META-ALWAYS");
    }

    [Theory]
    [InlineData("run.sh", "#!/bin/sh\nsyncthing-cli --push\n", "syncthing-cli", 2)]
    [InlineData("run.sh", "#!/bin/sh\n/opt/vendor/bin/vendortool run\n", "vendortool", 2)]
    [InlineData("SKILL.md", "```bash\nrclone sync notes remote:notes\n```\n", "rclone", 9)]
    public void Scan_FlagsAProgramThatRequiresBinsDoesNotDeclare(string file, string content, string program, int line)
    {
        var findings = file == "SKILL.md"
            ? ScanSkill("notes", Skill(content))
            : ScanSkill("notes", Skill("Runs run.sh.\n"), (file, content));

        var finding = Assert.Single(findings, f => f.RuleId == "SS-META-UNDECLARED-BIN");
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal((file, line), (finding.File, finding.Line));
        Assert.Contains($"runs {program}", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metadata: {\"openclaw\": {\"requires\": {\"bins\": [\"rclone\"]}}}\n", "rclone sync notes remote:notes")]
    [InlineData("metadata: {\"openclaw\": {\"requires\": {\"anyBins\": [\"rclone\", \"rsync\"]}}}\n", "rclone sync notes remote:notes")]
    [InlineData("metadata: {\"openclaw\": {\"install\": [{\"kind\": \"brew\", \"formula\": \"rclone\", \"bins\": [\"rclone\"]}]}}\n", "rclone sync notes remote:notes")]
    [InlineData("", "curl -s https://api.example.org/notes | jq .items")]
    [InlineData("", "\"$EDITOR\" notes.md")]
    [InlineData("", "push_notes() { git push; }\npush_notes")]
    [InlineData("", "main\nmain() { echo run; }")]
    public void Scan_LeavesDeclaredCommonAndScriptDefinedCommandsAlone(string declaration, string script)
    {
        var findings = ScanSkill("notes", "---\nname: notes\ndescription: d\n" + declaration + "---\n\nRuns run.sh.\n", ("run.sh", "#!/bin/sh\n" + script + "\n"));

        Assert.DoesNotContain(findings, f => f.RuleId == "SS-META-UNDECLARED-BIN");
    }

    [Fact]
    public void Scan_FlagsAFrontmatterNameThatDiffersFromTheFolder()
    {
        var findings = ScanSkill("notes", "---\nname: notes-pro\ndescription: d\n---\n\nKeeps notes.\n");

        var finding = Assert.Single(findings, f => f.RuleId == "SS-META-NAME-MISMATCH");
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Contains("\"notes-pro\" differs from folder \"notes\"", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes")]
    [InlineData("notes/SKILL.md")]
    public void Scan_LeavesANameThatMatchesTheFolderAlone(string scanned)
    {
        using var dir = new TempDirectory();
        dir.Write("notes/SKILL.md", "---\nname: notes\ndescription: d\n---\n\nKeeps notes.\n");

        var report = _scanner.Scan(Path.Combine(dir.Path, scanned));

        Assert.Equal("notes", report.SkillName);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "SS-META-NAME-MISMATCH");
    }

    [Fact]
    public void Scan_OfSkillMdAlone_ComparesTheNameWithItsFolder()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("notes/SKILL.md", "---\nname: notes-pro\ndescription: d\n---\n\nKeeps notes.\n");

        var finding = Assert.Single(_scanner.Scan(file).Findings, f => f.RuleId == "SS-META-NAME-MISMATCH");

        Assert.Contains("differs from folder \"notes\"", finding.Message, StringComparison.Ordinal);
    }

    private static string Skill(string body) => "---\nname: notes\ndescription: d\n---\n\nKeeps notes.\n\n" + body;

    private IReadOnlyList<ScanFinding> ScanSkill(string name, string skillMd, params (string File, string Content)[] files)
    {
        using var dir = new TempDirectory();
        dir.Write(Path.Combine(name, "SKILL.md"), skillMd);
        foreach (var (file, content) in files)
        {
            dir.Write(Path.Combine(name, file), content);
        }
        return _scanner.Scan(Path.Combine(dir.Path, name)).Findings;
    }
}
