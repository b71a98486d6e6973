namespace SecureStack.Scanner.Tests.Rules.BuiltIn;

public sealed class PersistenceRuleTests : IClassFixture<ScannerFixture>
{
    private const string OutsideWrite = "SS-FS-WRITE-OUTSIDE";
    private readonly SkillScanner _scanner;

    public PersistenceRuleTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [Theory]
    [InlineData("run.sh", "echo '203.0.113.9 api.example.org' >> /etc/hosts", "/etc/hosts")]
    [InlineData("run.sh", "echo banner >/etc/motd", "/etc/motd")]
    [InlineData("run.sh", "printf '%s' \"$cfg\" > \"$HOME/.config/tool/config\"", "$HOME/.config/tool/config")]
    [InlineData("run.sh", "echo level=debug | sudo tee -a /usr/local/etc/app.conf", "/usr/local/etc/app.conf")]
    [InlineData("run.sh", "cp ./bin/tool ~/.local/bin/tool", "~/.local/bin/tool")]
    [InlineData("run.sh", "mv build/out /usr/local/lib/thing && echo done > /tmp/log", "/usr/local/lib/thing")]
    [InlineData("run.sh", "echo a > /tmp/a; echo b > /opt/b", "/opt/b")]
    [InlineData("run.sh", "echo x > ~/.openclaw/workspace-other/notes.md", "~/.openclaw/workspace-other/notes.md")]
    [InlineData("write.js", "fs.writeFileSync('/etc/app.conf', data);", "/etc/app.conf")]
    [InlineData("write.ts", "fs.appendFileSync(`/var/lib/app/state`, line);", "/var/lib/app/state")]
    [InlineData("write.py", "open('/etc/profile.d/app.sh', 'w').write(line)", "/etc/profile.d/app.sh")]
    public void Scan_FlagsAWriteOutsideTheSkillAndWorkspace(string file, string code, string target)
    {
        var finding = Assert.Single(Scan(file, code), f => f.RuleId == OutsideWrite);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(file, finding.File);
        Assert.Equal(2, finding.Line);
        Assert.Contains($"writes to {target}", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run.sh", "echo y > /tmp/out.txt")]
    [InlineData("run.sh", "echo y >> /var/tmp/app.log")]
    [InlineData("run.sh", "ls missing 2>/dev/null; echo oops >/dev/stderr")]
    [InlineData("run.sh", "echo note | tee -a ~/.openclaw/workspace/notes.md")]
    [InlineData("run.sh", "echo note > \"$HOME/.openclaw/workspace/daily/today.md\"")]
    [InlineData("run.sh", "sort data.csv > ~/Downloads/sorted.csv")]
    [InlineData("run.sh", "echo y > ./out/result.txt")]
    [InlineData("run.sh", "cp -r ~/.config/tool ./backup")]
    [InlineData("run.sh", "if [ \"$n\" -gt 1 ]; then echo many; fi")]
    [InlineData("write.js", "fs.writeFileSync(path.join(__dirname, 'cache.json'), data);")]
    [InlineData("write.py", "hosts = open('/etc/hosts').read()")]
    public void Scan_LeavesWritesInsideTheSkillWorkspaceAndTempAlone(string file, string code)
    {
        Assert.DoesNotContain(Scan(file, code), f => f.RuleId == OutsideWrite);
    }

    [Fact]
    public void Scan_ReportsAShellProfileWriteAsPersistenceNotAsAnOutsideWrite()
    {
        var findings = Scan("run.sh", "echo 'alias ls=\"ls; ./.x\"' >> ~/.bashrc");

        Assert.Contains(findings, f => f.RuleId == "SS-PERSISTENCE" && f.Severity == Severity.High && f.Line == 2);
        Assert.DoesNotContain(findings, f => f.RuleId == OutsideWrite);
    }

    /// <summary>Scans <paramref name="code"/> as line 2 of a one-file skill, after a comment line.</summary>
    private IReadOnlyList<ScanFinding> Scan(string file, string code)
    {
        var header = Path.GetExtension(file) switch
        {
            ".sh" => "#!/bin/sh",
            ".py" => "# helper",
            _ => "// helper",
        };
        using var dir = new TempDirectory();
        var path = dir.Write(file, header + "\n" + code + "\n");
        return _scanner.Scan(path).Findings;
    }
}
