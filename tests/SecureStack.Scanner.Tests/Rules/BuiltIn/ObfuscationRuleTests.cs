namespace SecureStack.Scanner.Tests.Rules.BuiltIn;

public sealed class ObfuscationRuleTests : IClassFixture<ScannerFixture>
{
    private readonly SkillScanner _scanner;

    public ObfuscationRuleTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [Theory]
    [InlineData("x.js", "const f = globalThis['ev' + 'al'];")]
    [InlineData("x.js", "require(String.fromCharCode(99,104,105,108,100,95,112,114,111,99,101,115,115))")]
    [InlineData("x.js", "const n = ['e','v','a','l'].join(''); this[n]('1')")]
    [InlineData("x.ts", "const m: string = 'child' + '_' + 'process'; require(m);")]
    [InlineData("x.py", "getattr(os, 'sy' + 'stem')('id')")]
    [InlineData("x.py", "f = chr(101) + chr(118) + chr(97) + chr(108)")]
    [InlineData("x.sh", "$'\\x65\\x76\\x61\\x6c' \"$p\"")]
    public void Scan_FlagsNamesAssembledToHide(string file, string code)
    {
        Assert.Contains(Scan(file, code), f => f.RuleId == "SS-OBFUSCATION" && f.Severity >= Severity.High);
    }

    [Theory]
    [InlineData("x.js", "const greeting = 'Hello, ' + name + '!';")]
    [InlineData("x.js", "const col = String.fromCharCode(65 + i);")]
    [InlineData("x.js", "const plugin = require(path.join(__dirname, 'plugins', name));")]
    [InlineData("x.py", "label = 'sys' + 'admin'")]
    public void Scan_LeavesOrdinaryStringBuildingAlone(string file, string code)
    {
        Assert.DoesNotContain(Scan(file, code), f => f.RuleId == "SS-OBFUSCATION");
    }

    [Fact]
    public void Scan_FoldsAThousandPartConcatenationWithoutRecursion()
    {
        var code = "const s = " + string.Join(" + ", Enumerable.Repeat("'a '", 1000)) + " + 'eval(';";
        Assert.Contains(Scan("x.js", code), f => f.RuleId == "SS-OBFUSCATION");
    }

    private IReadOnlyList<ScanFinding> Scan(string file, string code)
    {
        using var dir = new TempDirectory();
        var path = dir.Write(file, code + "\n");
        return _scanner.Scan(path).Findings;
    }
}
