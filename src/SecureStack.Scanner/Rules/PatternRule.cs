using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules;

/// <summary>
/// A rule whose <c>pattern</c> is a regular expression over the text. Patterns are compiled (fast on megabytes of
/// minified code); a pattern that runs past <see cref="Timeout"/> on hostile input fails closed as a finding.
/// </summary>
internal sealed class PatternRule : ConfiguredRule
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly Regex _pattern;

    public PatternRule(RuleDescriptor descriptor, IReadOnlyList<SourceLanguage> languages, RuleExamples examples, Regex pattern)
        : base(descriptor, languages, examples)
    {
        _pattern = pattern;
    }

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (!Languages.Contains(unit.Language))
        {
            return;
        }
        try
        {
            foreach (var match in _pattern.EnumerateMatches(unit.Text))
            {
                sink.Add(Descriptor, unit, match.Index, Descriptor.Description);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            sink.Add(BuiltIn.FileTypeRule.Incomplete, unit, 0, $"rule {Descriptor.Id} timed out on this file; it was not fully checked");
        }
    }
}
