using System.CommandLine;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Reporting;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack sanitize [FILE|-] [--jsonl] [--rules PATH]</c>.</summary>
internal static class SanitizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input")
        {
            Description = "File to check, or - (the default) for standard input.",
            DefaultValueFactory = _ => "-",
        };
        var jsonl = new Option<bool>("--jsonl")
        {
            Description = "Read one JSON object {\"text\": ...} per line and answer one JSON line each.",
        };
        var rules = new Option<string?>("--rules")
        {
            Description = "Prompt rule file (default: prompt-rules.json in $SECURESTACK_CONFIG_DIR, the install's config folder or config/ beside the binary).",
        };
        var command = new Command("sanitize",
            "Check text against the prompt-injection rules and print clean, injection_detected, patterns and the action as JSON. " +
            "Exit codes: 0 nothing fired, 1 a rule fired, 2 unreadable input or a bad JSON line, 3 missing or invalid rule file.")
        {
            input,
            jsonl,
            rules,
        };
        command.SetAction(parseResult =>
        {
            PromptAnalyzer analyzer;
            try
            {
                analyzer = new PromptAnalyzer(PromptRuleSet.Load(parseResult.GetValue(rules) ?? PromptRuleSet.DefaultPath()));
            }
            catch (PromptRuleFileException e)
            {
                Console.Error.WriteLine(e.Message);
                return SanitizeRunner.ExitBadRules;
            }

            var path = parseResult.GetValue(input)!;
            TextReader reader;
            try
            {
                reader = path == "-" ? Console.In : new StreamReader(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{path}: cannot read ({e.Message}).");
                return SanitizeRunner.ExitBadInput;
            }

            using (reader)
            {
                return parseResult.GetValue(jsonl)
                    ? SanitizeRunner.RunJsonLines(analyzer, reader, Console.Out)
                    : SanitizeRunner.RunText(analyzer, reader, Console.Out);
            }
        });
        return command;
    }
}
