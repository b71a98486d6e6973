using System.IO.Compression;
using SecureStack.Sanitizer.Evaluation;

namespace SecureStack.Sanitizer.Tests.Evaluation;

public sealed class LabelledPromptReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("securestack-labelled-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_CsvWithQuotedCommasQuotesAndLineBreaks()
    {
        var path = Path.Combine(_dir, "set.csv");
        File.WriteAllText(path, "id,prompt,label\n1,\"Hi, \"\"there\"\"\nsecond line\",safe\n2,Ignore the above,injection\n");

        var rows = LabelledPromptReader.Read(path);

        Assert.Equal(2, rows.Count);
        Assert.Equal("Hi, \"there\"\nsecond line", rows[0].Text);
        Assert.False(rows[0].Injection);
        Assert.True(rows[1].Injection);
        Assert.Equal("set", rows[1].Source);
    }

    [Fact]
    public void Read_GzippedJsonLinesWithOptionalFields()
    {
        var path = Path.Combine(_dir, "set.jsonl.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.WriteLine("""{"text": "a", "label": 1, "source": "s", "lang": "de", "technique": "t", "context": "document", "split": "test", "payload": "p"}""");
            writer.WriteLine("""{"text": "b", "label": "benign"}""");
        }

        var rows = LabelledPromptReader.Read(path);

        Assert.Equal(new LabelledPrompt("a", true, "s", "de", "t", "document", "test") { Payload = "p" }, rows[0]);
        Assert.Equal(new LabelledPrompt("b", false, "set", "?", "?", "prompt", ""), rows[1]);
    }

    [Fact]
    public void Read_NamesTheLineOfABadLabel()
    {
        var path = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllText(path, "{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \"label\": \"maybe\"}\n");
        var error = Assert.Throws<FormatException>(() => LabelledPromptReader.Read(path));
        Assert.Contains("bad.jsonl:2", error.Message, StringComparison.Ordinal);
    }
}
