using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules;

/// <summary>
/// A rule whose <c>pattern</c> is a regular expression over the text; a pattern that runs past <see cref="Timeout"/> on
/// hostile input fails closed as a finding. The pattern runs interpreted until it has read <see cref="InterpretChars"/>
/// characters, then compiled: compiling (IL emission and JIT) costs a one-skill scan, the install policy's case, most of
/// its second, and pays off only over many skills or megabytes of minified code. A large text goes to the compiled form at
/// once. Both forms match the same spans.
/// </summary>
internal sealed class PatternRule : ConfiguredRule
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>Characters read interpreted before the pattern is compiled; a text longer than a sixteenth of it is read compiled.</summary>
    internal const long InterpretChars = 1 << 20;

    private readonly Regex _interpreted;
    private readonly Lazy<Regex> _compiled;
    private readonly long _interpretChars;
    private long _read;

    public PatternRule(RuleDescriptor descriptor, IReadOnlyList<SourceLanguage> languages, RuleExamples examples, Regex pattern,
        long interpretChars = InterpretChars)
        : base(descriptor, languages, examples)
    {
        _interpreted = pattern;
        _compiled = new Lazy<Regex>(() => new Regex(pattern.ToString(), pattern.Options | RegexOptions.Compiled, pattern.MatchTimeout));
        _interpretChars = interpretChars;
    }

    /// <summary>The pattern as loaded (interpreted).</summary>
    internal Regex Pattern => _interpreted;

    /// <summary>Whether the compiled form has been built (tests).</summary>
    internal bool IsCompiled => _compiled.IsValueCreated;

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (!Languages.Contains(unit.Language))
        {
            return;
        }
        try
        {
            foreach (var match in For(unit.Text).EnumerateMatches(unit.Text))
            {
                sink.Add(Descriptor, unit, match.Index, Descriptor.Description);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            sink.Add(BuiltIn.FileTypeRule.Incomplete, unit, 0, $"rule {Descriptor.Id} timed out on this file; it was not fully checked");
        }
    }

    private Regex For(string text) =>
        _compiled.IsValueCreated || text.Length > _interpretChars / 16 || Interlocked.Add(ref _read, text.Length) > _interpretChars
            ? _compiled.Value
            : _interpreted;
}
