using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules;

/// <summary>A rule loaded from the rule file, with the languages it applies to and its examples.</summary>
internal abstract class ConfiguredRule : ScanRule
{
    protected ConfiguredRule(RuleDescriptor descriptor, IReadOnlyList<SourceLanguage> languages, RuleExamples examples)
    {
        Descriptor = descriptor;
        Languages = languages;
        Examples = examples;
        Descriptors = [descriptor];
    }

    public RuleDescriptor Descriptor { get; }

    public IReadOnlyList<SourceLanguage> Languages { get; }

    public RuleExamples Examples { get; }

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; }
}
