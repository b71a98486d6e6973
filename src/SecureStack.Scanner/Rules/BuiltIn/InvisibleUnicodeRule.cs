using System.Text;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Characters a reader cannot see but a model reads: Unicode tag characters (which smuggle ASCII), bidi controls
/// and zero-width characters (THREATS.md §1 family 9).
/// </summary>
internal sealed class InvisibleUnicodeRule : ScanRule
{
    public static readonly RuleDescriptor Descriptor = new(
        "SS-INVISIBLE-UNICODE", "Invisible Unicode", Severity.High,
        "Text contains Unicode tag characters, bidirectional controls or zero-width characters that hide content from a human reviewer.");

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [Descriptor];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (unit.Origin != UnitOrigin.File)
        {
            return;
        }
        var text = unit.Text;
        var lastLine = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? kind = null;
            var severity = Severity.High;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.ConvertToUtf32(c, text[i + 1]) is >= 0xE0000 and <= 0xE007F)
            {
                kind = "Unicode tag characters";
            }
            else if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                kind = "a bidirectional control";
            }
            else if (c is '\u200B' or '\u200C' or '\u2060' or '\u180E' or '\u200E' or '\u200F' || (c == '\uFEFF' && i > 0))
            {
                kind = "a zero-width character";
                severity = Severity.Medium;
            }
            if (kind is null)
            {
                continue;
            }
            var (line, _) = unit.PositionOf(i);
            if (line == lastLine)
            {
                continue;
            }
            lastLine = line;
            var hidden = TagText(text, i);
            sink.Add(Descriptor, unit, i, hidden.Length > 0 ? $"{kind} hide the text \"{Snippets.Trim(hidden)}\"" : $"contains {kind} (U+{(int)c:X4})",
                hidden.Length > 0 ? Severity.Critical : severity);
        }
    }

    /// <summary>The ASCII a run of tag characters starting at <paramref name="start"/> encodes.</summary>
    internal static string TagText(string text, int start)
    {
        var builder = new StringBuilder();
        for (var i = start; i + 1 < text.Length && char.IsHighSurrogate(text[i]); i += 2)
        {
            var codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
            if (codePoint is < 0xE0000 or > 0xE007F)
            {
                break;
            }
            if (codePoint is >= 0xE0020 and <= 0xE007E)
            {
                builder.Append((char)(codePoint - 0xE0000));
            }
        }
        return builder.ToString();
    }
}
