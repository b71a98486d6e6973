using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace SecureStack.Sanitizer.Evaluation;

/// <summary>
/// Reads labelled sets: JSONL (optionally gzip-compressed) with <c>text</c> and <c>label</c> and optional <c>source</c>,
/// <c>lang</c>, <c>technique</c>, <c>context</c>, <c>split</c>; or CSV with a header naming <c>text</c> (or <c>prompt</c>) and
/// <c>label</c>. Labels: 1/0, true/false, injection/benign, jailbreak/safe.
/// </summary>
public static class LabelledPromptReader
{
    public static List<LabelledPrompt> Read(string path)
    {
        var name = Path.GetFileName(path);
        var fallbackSource = Path.GetFileNameWithoutExtension(name.EndsWith(".gz", StringComparison.Ordinal) ? name[..^3] : name);
        using var file = File.OpenRead(path);
        using Stream stream = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return name.Contains(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(reader, path, fallbackSource) : ReadJsonLines(reader, path, fallbackSource);
    }

    private static List<LabelledPrompt> ReadJsonLines(TextReader reader, string path, string fallbackSource)
    {
        var rows = new List<LabelledPrompt>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                var text = String(e, "text") ?? String(e, "prompt")
                    ?? throw new FormatException("no \"text\" field");
                var label = e.TryGetProperty("label", out var l) ? Label(l.ValueKind == JsonValueKind.String ? l.GetString()! : l.GetRawText())
                    : throw new FormatException("no \"label\" field");
                rows.Add(new LabelledPrompt(text, label, String(e, "source") ?? fallbackSource, String(e, "lang") ?? "?",
                    String(e, "technique") ?? "?", String(e, "context") ?? "prompt", String(e, "split") ?? "")
                {
                    Payload = String(e, "payload"),
                });
            }
            catch (Exception ex) when (ex is JsonException or FormatException)
            {
                throw new FormatException($"{path}:{number}: {ex.Message}; expected {{\"text\": ..., \"label\": 0|1, ...}}", ex);
            }
        }

        return rows;
    }

    private static List<LabelledPrompt> ReadCsv(TextReader reader, string path, string fallbackSource)
    {
        var records = CsvRecords(reader).ToList();
        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var text = header.IndexOf("text") is var t and >= 0 ? t : header.IndexOf("prompt");
        var label = header.IndexOf("label");
        if (text < 0 || label < 0)
        {
            throw new FormatException($"{path}: the header needs a \"text\" (or \"prompt\") and a \"label\" column");
        }

        string Field(List<string> r, string column) => header.IndexOf(column) is var i and >= 0 && i < r.Count ? r[i] : "";
        return [.. records.Skip(1).Where(r => r.Count > Math.Max(text, label)).Select(r => new LabelledPrompt(r[text], Label(r[label]),
            Field(r, "source") is { Length: > 0 } s ? s : fallbackSource, Field(r, "lang") is { Length: > 0 } g ? g : "?",
            Field(r, "technique") is { Length: > 0 } q ? q : "?", Field(r, "context") is { Length: > 0 } c ? c : "prompt", Field(r, "split")))];
    }

    private static bool Label(string value) => value.Trim().Trim('"').ToLowerInvariant() switch
    {
        "1" or "true" or "injection" or "jailbreak" or "malicious" or "attack" => true,
        // XSTest labels harm (safe/unsafe), and none of its prompts is an injection.
        "0" or "false" or "benign" or "safe" or "unsafe" or "legitimate" => false,
        var other => throw new FormatException($"label \"{other}\" is not 1/0, true/false, injection/benign"),
    };

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static IEnumerable<List<string>> CsvRecords(TextReader reader)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return record;
                record = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}
