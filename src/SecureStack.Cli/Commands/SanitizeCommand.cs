using System.CommandLine;
using SecureStack.Sanitizer.Reporting;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack sanitize [FILE|-] [--jsonl] [--rules PATH] [--no-model] [--flag-threshold P] [--reject-threshold P]</c>.</summary>
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
        var settings = new SanitizeSettings();
        var command = new Command("sanitize",
            "Check text against the prompt-injection rules and the learned classifier and print clean, injection_detected, patterns, " +
            "the action, the classifier's score and what decided (rules, model, rules+model, none) as JSON. " +
            "Exit codes: 0 nothing fired, 1 a rule or the classifier fired, 2 unreadable input or a bad JSON line, 3 missing or invalid rule file or setting.")
        {
            input,
            jsonl,
        };
        settings.AddTo(command);
        command.SetAction(parseResult =>
        {
            // One-shot: build only the automata the input needs (most of the start-up otherwise).
            if (!settings.TryCreateAnalyzer(parseResult, Console.Error, out var analyzer, compileOnFirstUse: true))
            {
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
                try
                {
                    return parseResult.GetValue(jsonl)
                        ? SanitizeRunner.RunJsonLines(analyzer, reader, Console.Out)
                        : SanitizeRunner.RunText(analyzer, reader, Console.Out);
                }
                catch (PromptRuleFileException e)
                {
                    // A rule the non-backtracking engine rejects surfaces when a text first needs it.
                    Console.Error.WriteLine(e.Message);
                    return SanitizeRunner.ExitBadRules;
                }
            }
        });
        return command;
    }
}
