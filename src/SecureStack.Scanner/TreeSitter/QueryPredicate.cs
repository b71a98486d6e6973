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
    /// <summary>Every node captured under the predicate's capture must satisfy it (tree-sitter's default).</summary>
    public bool Holds(IReadOnlyList<QueryCapture> captures)
    {
        foreach (var capture in captures)
        {
            if (capture.Id != CaptureId)
            {
                continue;
            }
            if (!HoldsFor(capture.Node.Text, captures))
            {
                return false;
            }
        }
        return true;
    }

    private bool HoldsFor(string text, IReadOnlyList<QueryCapture> captures) => Operator switch
    {
        "eq?" => string.Equals(text, Expected(captures), StringComparison.Ordinal),
        "not-eq?" => !string.Equals(text, Expected(captures), StringComparison.Ordinal),
        "match?" => Pattern!.IsMatch(text),
        "not-match?" => !Pattern!.IsMatch(text),
        "any-of?" => Choices!.Contains(text),
        _ => false,
    };

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
