using System.Text.RegularExpressions;

namespace SecureStack.Sanitizer.Rules;

/// <summary>A credential shape (API key, private key) matched case-sensitively on the raw text.</summary>
public sealed record SecretRule(
    string Id,
    string Name,
    string Pattern,
    string Description,
    IReadOnlyList<string> PositiveExamples,
    IReadOnlyList<string> NegativeExamples)
{
    internal Regex Regex { get; init; } = null!;
}
