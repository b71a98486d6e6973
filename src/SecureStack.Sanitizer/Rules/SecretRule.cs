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
    /// <summary>Built at load, or on first use when the rule set was loaded for a one-shot command (which never scans for secrets).</summary>
    internal Lazy<Regex> Compiled { get; init; } = null!;

    internal Regex Regex => Compiled.Value;
}
