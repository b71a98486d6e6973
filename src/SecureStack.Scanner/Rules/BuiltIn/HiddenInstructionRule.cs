using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>HTML comments in Markdown are invisible when rendered but the agent reads them; instructions there are hidden on purpose.</summary>
internal sealed partial class HiddenInstructionRule : ScanRule
{
    public static readonly RuleDescriptor Descriptor = new(
        "SS-HIDDEN-INSTRUCTIONS", "Instructions in an HTML comment", Severity.High,
        "An HTML comment in a Markdown file gives instructions (run, send, ignore, do not tell) that a human reviewer does not see rendered.");

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [Descriptor];

    public override void DetectSkill(SkillContext skill, FindingSink sink)
    {
        foreach (var document in skill.Documents)
        {
            foreach (var comment in document.Comments)
            {
                var match = Imperative().Match(comment.Text);
                if (match.Success)
                {
                    sink.Add(Descriptor, document.File, comment.Line, comment.Text, $"hidden comment says \"{Snippets.Trim(match.Value)}\"");
                }
            }
        }
    }

    [GeneratedRegex(@"(?i)\b(ignore|disregard|forget|override|run|execute|exec|curl|wget|send|upload|post|exfiltrate|read|cat|download|install|you must|you should|do not|don't|never (tell|mention|reveal)|secretly|silently|quietly|without (asking|telling|confirmation)|assistant|agent|system prompt|instructions?)\b[^\n]{0,80}", RegexOptions.CultureInvariant)]
    private static partial Regex Imperative();
}
