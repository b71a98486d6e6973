namespace SecureStack.Scanner.Evaluation;

/// <summary>
/// Reads data/skills/labels.tsv: <c>id TAB label TAB family TAB source TAB reason</c>, <c>#</c> comments; label is
/// <c>malicious</c> or <c>benign-reviewed</c>; every skill not listed is presumed benign.
/// </summary>
public static class LabelFile
{
    public static IReadOnlyDictionary<string, LabelEntry> Load(string path)
    {
        var labels = new Dictionary<string, LabelEntry>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }
            var parts = raw.Split('\t');
            if (parts.Length != 5 || parts.Any(p => p.Length == 0))
            {
                throw new FormatException($"{path}:{number}: expected 5 tab-separated fields (id, label, family or -, source, reason)");
            }
            var label = parts[1] switch
            {
                "malicious" => SkillLabel.Malicious,
                "benign-reviewed" => SkillLabel.BenignAfterReview,
                _ => throw new FormatException($"{path}:{number}: label \"{parts[1]}\" is neither malicious nor benign-reviewed"),
            };
            if (!labels.TryAdd(parts[0], new LabelEntry(parts[0], label, parts[2] == "-" ? null : parts[2], parts[3], parts[4])))
            {
                throw new FormatException($"{path}:{number}: {parts[0]} is labelled twice");
            }
        }
        return labels;
    }
}
