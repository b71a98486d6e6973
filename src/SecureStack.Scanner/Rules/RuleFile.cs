using System.Text.Json;
using System.Text.RegularExpressions;
using SecureStack.Scanner.Skills;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Rules;

/// <summary>Reads <c>config/scanner-rules.json</c>; any problem is a <see cref="ScannerConfigurationException"/> naming file and line.</summary>
internal static class RuleFile
{
    private static readonly Regex RuleId = new("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$", RegexOptions.CultureInvariant);

    public static IReadOnlyList<ConfiguredRule> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScannerConfigurationException($"{path}: the scanner rule file cannot be read ({e.Message}); no skill can be approved without it", e);
        }
        return Parse(path, text);
    }

    public static IReadOnlyList<ConfiguredRule> Parse(string path, string text)
    {
        RuleFileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(text, RuleJsonContext.Default.RuleFileDocument);
        }
        catch (JsonException e)
        {
            throw new ScannerConfigurationException($"{path}:{(e.LineNumber ?? 0) + 1}: invalid JSON: {e.Message}", e);
        }
        if (document?.Rules is not { Count: > 0 } definitions)
        {
            throw new ScannerConfigurationException($"{path}:1: the rule file has no \"rules\"; refusing to scan with an empty rule set");
        }
        if (document.Version != 1)
        {
            throw new ScannerConfigurationException($"{path}:1: \"version\" must be 1, found {document.Version}");
        }
        var rules = new List<ConfiguredRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < definitions.Count; i++)
            {
                var rule = Build(path, text, definitions[i], i);
                if (!ids.Add(rule.Descriptor.Id))
                {
                    throw Error(path, text, definitions[i], i, $"duplicate rule id \"{rule.Descriptor.Id}\"");
                }
                rules.Add(rule);
            }
        }
        catch
        {
            foreach (var rule in rules.OfType<QueryRule>())
            {
                rule.Dispose();
            }
            throw;
        }
        return rules;
    }

    private static ConfiguredRule Build(string path, string text, RuleDefinition definition, int index)
    {
        if (definition.Id is null || !RuleId.IsMatch(definition.Id))
        {
            throw Error(path, text, definition, index, $"rule id \"{definition.Id}\" must look like SS-FAMILY-NAME (capitals, digits, dashes)");
        }
        if (string.IsNullOrWhiteSpace(definition.Name) || string.IsNullOrWhiteSpace(definition.Description))
        {
            throw Error(path, text, definition, index, "\"name\" and \"description\" are required");
        }
        if (!Enum.TryParse<Severity>(definition.Severity, ignoreCase: true, out var severity) || definition.Severity is null || !char.IsLower(definition.Severity[0]))
        {
            throw Error(path, text, definition, index, $"\"severity\" must be one of info, low, medium, high, critical; found \"{definition.Severity}\"");
        }
        if ((definition.AstQuery is null) == (definition.Pattern is null))
        {
            throw Error(path, text, definition, index, "exactly one of \"ast_query\" and \"pattern\" is required");
        }
        var languages = Languages(path, text, definition, index);
        var descriptor = new RuleDescriptor(definition.Id, definition.Name, severity, definition.Description);
        var examples = definition.Examples ?? new RuleExamples();
        if (examples.Positive.Count == 0)
        {
            throw Error(path, text, definition, index, "\"examples.positive\" needs at least one sample the rule must flag");
        }
        if (definition.Pattern is not null)
        {
            try
            {
                var regex = new Regex(definition.Pattern, RegexOptions.CultureInvariant | RegexOptions.Multiline, PatternRule.Timeout);
                return new PatternRule(descriptor, languages, examples, regex);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw Error(path, text, definition, index, $"\"pattern\" is not a valid regular expression: {e.Message}");
            }
        }
        var queries = new Dictionary<Grammar, Query>();
        try
        {
            foreach (var language in languages)
            {
                var grammar = new CodeUnit(string.Empty, language, UnitOrigin.File, string.Empty, 1).Grammar
                    ?? throw Error(path, text, definition, index, $"\"ast_query\" rules need a language with a grammar; \"{language}\" has none");
                queries[grammar] = new Query(grammar, definition.AstQuery!);
            }
        }
        catch (QueryException e)
        {
            foreach (var query in queries.Values)
            {
                query.Dispose();
            }
            throw Error(path, text, definition, index, $"\"ast_query\": {e.Message}");
        }
        return new QueryRule(descriptor, languages, examples, definition.AstQuery!, queries);
    }

    private static List<SourceLanguage> Languages(string path, string text, RuleDefinition definition, int index)
    {
        if (definition.Languages is not { Count: > 0 } names)
        {
            throw Error(path, text, definition, index, "\"languages\" is required (javascript, typescript, tsx, bash, python, markdown, text or any)");
        }
        var languages = new List<SourceLanguage>();
        foreach (var name in names)
        {
            if (name == "any")
            {
                languages.AddRange(Enum.GetValues<SourceLanguage>());
            }
            else if (Enum.TryParse<SourceLanguage>(name, ignoreCase: true, out var language) && name.All(char.IsLower))
            {
                languages.Add(language);
            }
            else
            {
                throw Error(path, text, definition, index, $"unknown language \"{name}\"");
            }
        }
        return [.. languages.Distinct()];
    }

    private static ScannerConfigurationException Error(string path, string text, RuleDefinition definition, int index, string problem) =>
        new($"{path}:{LineOf(text, definition, index)}: rule {definition.Id ?? $"#{index + 1}"}: {problem}");

    /// <summary>The line of the rule's "id" (or of the n-th "id" when it has none), so the message points at the rule.</summary>
    private static int LineOf(string text, RuleDefinition definition, int index)
    {
        var position = -1;
        if (definition.Id is not null)
        {
            var match = Regex.Match(text, "\"id\"\\s*:\\s*\"" + Regex.Escape(definition.Id) + "\"", RegexOptions.CultureInvariant);
            position = match.Success ? match.Index : -1;
        }
        if (position < 0)
        {
            var matches = Regex.Matches(text, "\\{\\s*\"", RegexOptions.CultureInvariant);
            position = index + 1 < matches.Count ? matches[index + 1].Index : 0;
        }
        return text.AsSpan(0, position).Count('\n') + 1;
    }
}
