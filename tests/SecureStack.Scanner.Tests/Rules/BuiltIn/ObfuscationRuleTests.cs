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

    [Theory]
    [InlineData("x.js", "const plugin = require(name);")]
    [InlineData("x.js", "const locale = require('./locales/' + lang);")]
    [InlineData("x.js", "const locale = require(`./locales/${lang}.js`);")]
    [InlineData("x.ts", "const mod = await import(modName);")]
    [InlineData("x.tsx", "const Page = lazy(() => import(pagePath));")]
    [InlineData("x.py", "mod = __import__(name)")]
    [InlineData("x.py", "mod = importlib.import_module(name)")]
    public void Scan_FlagsAModuleLoadedByAComputedName(string file, string code)
    {
        var finding = Assert.Single(Scan(file, code), f => f.RuleId == "SS-COMPUTED-IMPORT");
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("of a computed name", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.js", "const fs = require('fs');")]
    [InlineData("x.js", "const plugin = require(path.join(__dirname, 'plugins', name));")]
    [InlineData("x.ts", "const mod = await import('./known.js');")]
    [InlineData("x.ts", "import { readFile } from 'node:fs/promises';")]
    [InlineData("x.py", "json = __import__('json')")]
    [InlineData("x.py", "mod = importlib.import_module('json')")]
    public void Scan_LeavesModulesLoadedByALiteralNameAlone(string file, string code)
    {
        Assert.DoesNotContain(Scan(file, code), f => f.RuleId == "SS-COMPUTED-IMPORT");
    }

    [Theory]
    [InlineData("x.js", @"const s = '\x68\x65\x6c\x6c\x6f\x20\x77\x6f\x72\x6c\x64';", "hello world")]
    [InlineData("x.ts", @"const s: string = ""\u0061\u0070\u0069\u002e\u0065\u0078\u0061\u006d\u0070\u006c\u0065"";", "api.example")]
    [InlineData("x.py", @"host = '\x63\x6f\x6c\x6c\x65\x63\x74\x2e\x69\x6f'", "collect.io")]
    [InlineData("x.sh", @"host=$'\x63\x6f\x6c\x6c\x65\x63\x74\x2e\x69\x6f'", "collect.io")]
    [InlineData("x.js", "const s = String.fromCharCode(104, 101, 108, 108, 111);", "hello")]
    public void Scan_FlagsPlainTextWrittenAsEscapesOrCharacterCodes(string file, string code, string text)
    {
        var finding = Assert.Single(Scan(file, code), f => f.RuleId == "SS-OBFUSCATION-STRING");
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains($"\"{text}\"", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.js", @"const line = 'a\tb\n';")]
    [InlineData("x.js", @"const red = '\x1b[31m' + text + '\x1b[0m';")]
    [InlineData("x.js", @"const name = 'caf\u00e9';")]
    [InlineData("x.ts", @"const rule = '\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500';")]
    [InlineData("x.py", @"magic = b'\x89\x50\x4e\x47\x0d\x0a\x1a\x0a'")]
    [InlineData("x.js", "const column = String.fromCharCode(65 + i);")]
    [InlineData("x.js", "const pair = String.fromCharCode(high, low);")]
    public void Scan_LeavesEscapesThatHideNoTextAlone(string file, string code)
    {
        Assert.DoesNotContain(Scan(file, code), f => f.RuleId == "SS-OBFUSCATION-STRING");
    }

    private IReadOnlyList<ScanFinding> Scan(string file, string code)
    {
        using var dir = new TempDirectory();
        var path = dir.Write(file, code + "\n");
        return _scanner.Scan(path).Findings;
    }
}
