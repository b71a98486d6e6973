using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules;

/// <summary>A rule whose <c>pattern</c> is a regular expression over the text (linear-time engine).</summary>
internal sealed class PatternRule : ConfiguredRule
{
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
        foreach (var match in _pattern.EnumerateMatches(unit.Text))
        {
            sink.Add(Descriptor, unit, match.Index, Descriptor.Description);
        }
    }
}
