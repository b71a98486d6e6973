using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace SecureStack.Scanner.Tests.Rules.BuiltIn;

public sealed class FileTypeRuleTests : IClassFixture<ScannerFixture>
{
    private readonly SkillScanner _scanner;

    public FileTypeRuleTests(ScannerFixture fixture)
    {
        _scanner = fixture.Scanner;
    }

    public static TheoryData<string, byte[], Severity, string> Archives() => new()
    {
        { "fonts.zip", Zip("fonts/regular.ttf", "fonts/LICENSE.txt"), Severity.Medium, "scanned with the skill's" },
        { "data.tar", Tar("data/rows.csv"), Severity.Medium, "scanned with the skill's" },
        { "data.tar.gz", Gzip(Tar("data/rows.csv")), Severity.Medium, "scanned with the skill's" },
        { "notes.gz", Gzip(Encoding.UTF8.GetBytes("plain notes\n")), Severity.Medium, "scanned with the skill's" },
        { "dump.bz2", [.. "BZh91AY&SY"u8, .. new byte[32]], Severity.Medium, "not scanned" },
        { "dump.xz", [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, .. new byte[32]], Severity.Medium, "not scanned" },
        { "tools.7z", [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C, .. new byte[32]], Severity.High, "not scanned" },
        { "tools.rar", [.. "Rar!"u8, 0x1A, 0x07, 0x01, 0x00, .. new byte[32]], Severity.High, "not scanned" },
    };

    [Theory]
    [MemberData(nameof(Archives))]
    public void Scan_FlagsAnArchiveAndSaysWhetherItsContentsAreScanned(string file, byte[] bytes, Severity severity, string scanned)
    {
        var finding = Assert.Single(ScanSkillWith(file, bytes), f => f.RuleId == "SS-ARCHIVE");

        Assert.Equal(file, finding.File);
        Assert.Equal(severity, finding.Severity);
        Assert.Contains(scanned, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_NamesTheEntriesOfAZip()
    {
        var finding = Assert.Single(ScanSkillWith("fonts.zip", Zip("fonts/regular.ttf", "fonts/LICENSE.txt")), f => f.RuleId == "SS-ARCHIVE");

        Assert.Equal("fonts/regular.ttf, fonts/LICENSE.txt", finding.Snippet);
        Assert.Contains("2 entries", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_ReportsAZipWithAnInstallerAsAnArchivedExecutableOnly()
    {
        var findings = ScanSkillWith("driver.zip", Zip("README.txt", "setup.exe"));

        Assert.Contains(findings, f => f.RuleId == "SS-ARCHIVE-EXECUTABLE" && f.Snippet == "setup.exe");
        Assert.DoesNotContain(findings, f => f.RuleId == "SS-ARCHIVE");
    }

    [Fact]
    public void Scan_ReportsAnEncryptedZipAsEncryptedOnly()
    {
        var zip = Zip("payload.txt");
        // Bit 0 of the first local header's general-purpose flags marks the entry as encrypted.
        zip[6] |= 1;

        var findings = ScanSkillWith("payload.zip", zip);

        Assert.Contains(findings, f => f.RuleId == "SS-ARCHIVE-ENCRYPTED" && f.Severity == Severity.Critical);
        Assert.DoesNotContain(findings, f => f.RuleId == "SS-ARCHIVE");
    }

    [Theory]
    [InlineData("notes.zip", "this is text that only has an archive's name\n")]
    [InlineData("logo.png", "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR")]
    [InlineData("archive.md", "Run `tar xzf data.tar.gz` to unpack the data.\n")]
    public void Scan_LeavesFilesThatAreNotArchivesAlone(string file, string content)
    {
        Assert.DoesNotContain(ScanSkillWith(file, Encoding.Latin1.GetBytes(content)), f => f.RuleId == "SS-ARCHIVE");
    }

    private static byte[] Zip(params string[] names)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in names)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name, CompressionLevel.NoCompression).Open());
                writer.Write("content of " + name);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Tar(string name)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("a,b\n1,2\n"u8.ToArray()) });
        }
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return buffer.ToArray();
    }

    private IReadOnlyList<ScanFinding> ScanSkillWith(string file, byte[] bytes)
    {
        using var dir = new TempDirectory();
        dir.Write("pack/SKILL.md", "---\nname: pack\ndescription: d\n---\n\nShips data files.\n");
        dir.WriteBytes(Path.Combine("pack", file), bytes);
        return _scanner.Scan(Path.Combine(dir.Path, "pack")).Findings;
    }
}
