using System.Text;
using System.Text.RegularExpressions;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>A text predicate on captures (#eq?, #not-eq?, #match?, #not-match?, #any-of?), evaluated in C#.</summary>
internal sealed record QueryPredicate(
    string Operator,
    int CaptureId,
    int? OtherCaptureId,
    string? Literal,
    Regex? Pattern,
    IReadOnlySet<string>? Choices)
{
    // Most raw matches fail a literal #eq?/#any-of?; comparing UTF-8 bytes avoids decoding every node's text.
    private readonly byte[]? _literalUtf8 = Literal is null ? null : Encoding.UTF8.GetBytes(Literal);
    private readonly byte[][]? _choicesUtf8 = Choices?.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>True when checking decodes the captured text (a regular expression or a comparison of two captures).</summary>
    public bool ReadsText => Operator is "match?" or "not-match?" || (Operator is "eq?" or "not-eq?" && Literal is null);

    /// <summary>UTF-8 bytes of the captures this predicate reads.</summary>
    public long TextLength(IReadOnlyList<QueryCapture> captures)
    {
        long length = 0;
        foreach (var capture in captures)
        {
            if (capture.Id == CaptureId || capture.Id == OtherCaptureId)
            {
                length += capture.Node.EndByte - capture.Node.StartByte;
            }
        }
        return length;
    }

    /// <summary>Every node captured under the predicate's capture must satisfy it (tree-sitter's default).</summary>
    public bool Holds(IReadOnlyList<QueryCapture> captures)
    {
        foreach (var capture in captures)
        {
            if (capture.Id != CaptureId)
            {
                continue;
            }
            if (!HoldsFor(capture.Node, captures))
            {
                return false;
            }
        }
        return true;
    }

    private bool HoldsFor(SyntaxNode node, IReadOnlyList<QueryCapture> captures) => Operator switch
    {
        "eq?" when _literalUtf8 is not null => node.Utf8Text.SequenceEqual(_literalUtf8),
        "not-eq?" when _literalUtf8 is not null => !node.Utf8Text.SequenceEqual(_literalUtf8),
        "eq?" => string.Equals(node.Text, Expected(captures), StringComparison.Ordinal),
        "not-eq?" => !string.Equals(node.Text, Expected(captures), StringComparison.Ordinal),
        "match?" => Pattern!.IsMatch(node.Text),
        "not-match?" => !Pattern!.IsMatch(node.Text),
        "any-of?" => AnyOf(node.Utf8Text),
        _ => false,
    };

    private bool AnyOf(ReadOnlySpan<byte> text)
    {
        foreach (var choice in _choicesUtf8!)
        {
            if (text.SequenceEqual(choice))
            {
                return true;
            }
        }
        return false;
    }

    private string? Expected(IReadOnlyList<QueryCapture> captures)
    {
        if (Literal is not null)
        {
            return Literal;
        }
        foreach (var capture in captures)
        {
            if (capture.Id == OtherCaptureId)
            {
                return capture.Node.Text;
            }
        }
        return null;
    }
}
