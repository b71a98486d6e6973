using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>
/// Decode-and-rescan: long base64 and hex blobs are decoded and the plaintext is scanned like any other code.
/// The engine reports this rule when the plaintext has findings; <see cref="Decode"/> yields the plaintext units.
/// </summary>
internal static partial class EncodedPayloadRule
{
    public const int MaxDepth = 3;

    public static readonly RuleDescriptor Descriptor = new(
        "SS-DECODE-PAYLOAD", "Encoded payload", Severity.High,
        "A base64 or hex blob decodes to content that other rules flag: the classic decode-and-execute delivery.");

    public static IEnumerable<CodeUnit> Decode(CodeUnit unit)
    {
        if (unit.Depth >= MaxDepth)
        {
            yield break;
        }
        foreach (Match match in Base64Blob().Matches(unit.Text))
        {
            if (TryBase64(match.Value) is { } plain)
            {
                yield return Unit(unit, match.Index, plain);
            }
        }
        for (var i = 0; i + 1 < unit.Text.Length; i++)
        {
            // Unicode tag characters smuggle ASCII that a model reads and a reviewer does not see.
            if (char.IsHighSurrogate(unit.Text[i]) && InvisibleUnicodeRule.TagText(unit.Text, i) is { Length: > 0 } hidden)
            {
                var (line, _) = unit.PositionOf(i);
                yield return new CodeUnit(unit.File, SourceLanguage.Markdown, UnitOrigin.Decoded, hidden, line, unit.Depth + 1);
                i += hidden.Length * 2;
            }
        }
        foreach (Match match in HexBlob().Matches(unit.Text))
        {
            var hex = match.Value.Replace("\\x", string.Empty, StringComparison.Ordinal);
            if (hex.Length % 2 == 0 && Printable(Convert.FromHexString(hex)) is { } plain)
            {
                yield return Unit(unit, match.Index, plain);
            }
        }
    }

    private static CodeUnit Unit(CodeUnit parent, int index, string plain)
    {
        var (line, _) = parent.PositionOf(index);
        return new CodeUnit(parent.File, Guess(plain), UnitOrigin.Decoded, plain, line, parent.Depth + 1);
    }

    private static SourceLanguage Guess(string plain) =>
        PythonHint().IsMatch(plain) ? SourceLanguage.Python
        : JavaScriptHint().IsMatch(plain) ? SourceLanguage.JavaScript
        : SourceLanguage.Bash;

    private static string? TryBase64(string blob)
    {
        var normalized = blob.Replace('-', '+').Replace('_', '/');
        normalized = normalized.PadRight((normalized.Length + 3) / 4 * 4, '=');
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(normalized.Length)];
        if (!Convert.TryFromBase64String(normalized, bytes, out var written))
        {
            return null;
        }
        return Printable(bytes.AsSpan(0, written));
    }

    /// <summary>The text when the bytes are mostly printable UTF-8 (a decoded command, not random data).</summary>
    private static string? Printable(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8)
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(bytes);
        var printable = text.Count(c => !char.IsControl(c) || c is '\n' or '\r' or '\t');
        var letters = text.Count(char.IsAsciiLetter);
        return printable >= text.Length * 0.95 && text.Contains(' ') && letters >= text.Length / 5 && !text.Contains('\uFFFD') ? text : null;
    }

    [GeneratedRegex(@"[A-Za-z0-9+/_-]{24,}={0,2}", RegexOptions.CultureInvariant)]
    private static partial Regex Base64Blob();

    [GeneratedRegex(@"(?:\\x[0-9a-fA-F]{2}){12,}|\b(?:[0-9a-fA-F]{2}){16,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex HexBlob();

    [GeneratedRegex(@"^\s*(import |from \w+ import|def )|\bos\.system\(|subprocess\.", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PythonHint();

    [GeneratedRegex(@"\brequire\(|=>|\bfunction\b|\bconst |\blet |child_process|process\.env", RegexOptions.CultureInvariant)]
    private static partial Regex JavaScriptHint();
}
