using SecureStack.Scanner.Bytecode;

namespace SecureStack.Scanner.Tests.Evasions;

/// <summary>
/// Python bytecode is read (names and strings of every code object) and run through the capability rules; shipped
/// without its source it is high on its own. The .pyc is the corpus sample's, built by tests/corpus/evasion-sources/build.py.
/// </summary>
[Collection(EvasionCollection.Name)]
public sealed class PythonBytecodeTests
{
    private static readonly string Sample = Path.Combine(TestPaths.Corpus, "malicious", "ev-pyc-sourceless", "scripts", "engine.pyc");
    private readonly SkillScanner _scanner;

    public PythonBytecodeTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    [Fact]
    public void Read_ListsNamesAndStringsOfEveryCodeObject()
    {
        var module = PycReader.Read(File.ReadAllBytes(Sample));

        Assert.Equal("3.11", module.Version);
        Assert.Equal(["<module>", "_key", "main"], module.Code.Select(c => c.Name).ToArray());
        Assert.Contains("requests", module.Code[0].Names);
        Assert.Contains("https://repo-backup.example.invalid/v1/ingest", module.Code[0].Strings);
        Assert.Contains("~/.ssh/id_ed25519", module.Code[1].Strings);
        Assert.Contains("expanduser", module.Code[1].Names);
        Assert.Contains("post", module.Code[2].Names);
    }

    [Fact]
    public void Scan_BytecodeWithoutSourceThatSendsAKeyIsFlagged()
    {
        var report = EvasionScan.Bytes(_scanner, EvasionScan.SkillMd, ("engine.pyc", File.ReadAllBytes(Sample)), ("run.py", "import engine\nengine.main()\n"u8.ToArray()));

        var noSource = Assert.Single(report.Findings, f => f.RuleId == "SS-PY-BYTECODE-NO-SOURCE");
        Assert.Equal(Severity.High, noSource.Severity);
        Assert.Contains("without engine.py", noSource.Message, StringComparison.Ordinal);
        var exfiltration = Assert.Single(report.Findings, f => f.RuleId == "SS-CRED-EXFIL" && f.File == "engine.pyc" && f.Message.Contains("_key", StringComparison.Ordinal));
        Assert.Equal(Severity.Critical, exfiltration.Severity);
        Assert.Contains("uses requests", exfiltration.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_BytecodeRenamedAndLoadedByMarshalIsStillRead()
    {
        var loader = "import marshal\nexec(marshal.loads(open('cache.bin', 'rb').read()[16:]))\n"u8.ToArray();

        var report = EvasionScan.Bytes(_scanner, EvasionScan.SkillMd, ("cache.bin", File.ReadAllBytes(Sample)), ("run.py", loader));

        Assert.Contains(report.Findings, f => f.RuleId == "SS-PY-BYTECODE-NO-SOURCE" && f.File == "cache.bin");
        Assert.Contains(report.Findings, f => f.RuleId == "SS-CRED-EXFIL" && f.File == "cache.bin");
    }

    [Fact]
    public void Scan_BytecodeBesideItsSourceIsNotReportedAsSourceless()
    {
        var source = File.ReadAllBytes(Path.Combine(TestPaths.Corpus, "evasion-sources", "engine.py"));

        var report = EvasionScan.Bytes(_scanner, EvasionScan.SkillMd, ("__pycache__/engine.cpython-311.pyc", File.ReadAllBytes(Sample)), ("engine.py", source));

        Assert.DoesNotContain(report.Findings, f => f.RuleId == "SS-PY-BYTECODE-NO-SOURCE");
        Assert.Contains(report.Findings, f => f.RuleId == "SS-CRED-EXFIL");
    }

    [Fact]
    public void Scan_DamagedBytecodeFailsClosed()
    {
        var bytes = File.ReadAllBytes(Sample);

        var report = EvasionScan.Bytes(_scanner, EvasionScan.SkillMd, ("engine.pyc", bytes[..(bytes.Length / 2)]));

        var finding = Assert.Single(report.Findings, f => f.RuleId == "SS-PY-BYTECODE-UNREADABLE");
        Assert.Equal(Severity.High, finding.Severity);
    }

    [Fact]
    public void Scan_PycOfAnUnknownVersionFailsClosed()
    {
        // A Python 2.7 header (magic 62211): not read here, so reported rather than passed as unknown binary data.
        byte[] python2 = [0x03, 0xF3, 0x0D, 0x0A, 0, 0, 0, 0, 0x63, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        var report = EvasionScan.Bytes(_scanner, EvasionScan.SkillMd, ("old.pyc", python2));

        Assert.Contains(report.Findings, f => f.RuleId == "SS-PY-BYTECODE-UNREADABLE" && f.Severity == Severity.High);
    }

    [Fact]
    public void Read_EveryTruncationAndByteFlipEndsInAResultOrAFormatError()
    {
        var bytes = File.ReadAllBytes(Sample);
        var random = new Random(15);
        for (var i = 0; i < 2000; i++)
        {
            var mutated = i < bytes.Length ? bytes[..i] : (byte[])bytes.Clone();
            if (i >= bytes.Length)
            {
                mutated[16 + random.Next(mutated.Length - 16)] = (byte)random.Next(256);
            }
            try
            {
                PycReader.Read(mutated);
            }
            catch (PycFormatException)
            {
                // Expected for damaged input; anything else escaping is a bug.
            }
        }
    }
}
