using System.CommandLine;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Evaluation;
using SecureStack.Sanitizer.Reporting;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack eval prompts FILE... [--split S] [--rules PATH] [--no-model] [--flag-threshold P] [--reject-threshold P]</c>.</summary>
internal static class EvalPromptsCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Labelled JSONL (.jsonl or .jsonl.gz: text, label, optional source, lang, technique, context, split) or CSV (text or prompt, label).",
            Arity = ArgumentArity.OneOrMore,
        };
        var split = new Option<string?>("--split") { Description = "Only rows of this split (train, validation, test); report test figures only." };
        var options = new SanitizeSettings();
        var command = new Command("prompts",
            "Run labelled prompts through the sanitizer (rules and classifier) and print TPR and FPR with Wilson 95% intervals per context, " +
            "language, source and technique, plus ROC operating points, as Markdown. Exit codes: 0 done, 2 unreadable input, 3 bad rules or settings.")
        {
            files,
            split,
        };
        options.AddTo(command);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var rows = new List<LabelledPrompt>();
            foreach (var path in parseResult.GetValue(files)!)
            {
                try
                {
                    rows.AddRange(LabelledPromptReader.Read(path));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
                {
                    error.WriteLine($"{path}: cannot read ({e.Message}).");
                    return SanitizeRunner.ExitBadInput;
                }
            }

            if (parseResult.GetValue(split) is { } only)
            {
                rows = [.. rows.Where(r => r.Split == only)];
            }

            if (rows.Count == 0)
            {
                error.WriteLine("no labelled rows to evaluate (check the files and --split).");
                return SanitizeRunner.ExitBadInput;
            }

            // The data is read first: a typo in a path should not wait for the rules to compile.
            if (!options.TryCreateAnalyzer(parseResult, error, out var analyzer))
            {
                return SanitizeRunner.ExitBadRules;
            }

            PromptEvaluator.WriteMarkdown(PromptEvaluator.Run(analyzer, rows), output);
            return SanitizeRunner.ExitClean;
        });
        return command;
    }
}
