using System.CommandLine;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Cli.Commands;

/// <summary>The options <c>sanitize</c> and <c>eval prompts</c> share: rule file, classifier on or off, its thresholds.</summary>
internal sealed class SanitizeSettings
{
    private readonly Option<string?> _rules = new("--rules")
    {
        Description = "Prompt rule file (default: prompt-rules.json in $SECURESTACK_CONFIG_DIR, the install's config folder or config/ beside the binary).",
    };

    private readonly Option<bool> _noModel = new("--no-model") { Description = "Rules only: do not score with the learned classifier." };

    private readonly Option<float?> _flag = new("--flag-threshold") { Description = "Classifier probability that flags (default: the shipped model's)." };

    private readonly Option<float?> _reject = new("--reject-threshold") { Description = "Classifier probability that refuses (default: the shipped model's)." };

    public void AddTo(Command command)
    {
        command.Options.Add(_rules);
        command.Options.Add(_noModel);
        command.Options.Add(_flag);
        command.Options.Add(_reject);
    }

    /// <summary>
    /// Builds the analyzer; on a bad rule file or setting, says why on standard error and returns false.
    /// <paramref name="compileOnFirstUse"/>: see <see cref="PromptRuleSet.Load"/>.
    /// </summary>
    public bool TryCreateAnalyzer(ParseResult parseResult, TextWriter error, out PromptAnalyzer analyzer, bool compileOnFirstUse = false)
    {
        analyzer = null!;
        try
        {
            var options = new SanitizerOptions
            {
                UseModel = !parseResult.GetValue(_noModel),
                ModelFlagThreshold = parseResult.GetValue(_flag),
                ModelRejectThreshold = parseResult.GetValue(_reject),
            };
            analyzer = new PromptAnalyzer(PromptRuleSet.Load(parseResult.GetValue(_rules) ?? PromptRuleSet.DefaultPath(), compileOnFirstUse: compileOnFirstUse), options);
            return true;
        }
        catch (Exception e) when (e is PromptRuleFileException or ArgumentException)
        {
            error.WriteLine(e.Message);
            return false;
        }
    }
}
