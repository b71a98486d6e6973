using System.Text.Json;
using System.Text.RegularExpressions;
using SecureStack.Audit.Installation;

namespace SecureStack.Sanitizer.Rules;

/// <summary>
/// The compiled rules of one rule file. Loading checks everything a running proxy depends on and throws
/// <see cref="PromptRuleFileException"/> naming the file and the problem: unreadable or malformed JSON,
/// missing fields, duplicate ids, unknown actions, patterns that do not compile as non-backtracking
/// (linear-time) regexes, and rules without positive and negative examples. Whether the examples behave is
/// <see cref="CheckExamples"/>'s job, run by the tests: it costs about a second, too much for every start.
/// </summary>
public sealed class PromptRuleSet
{
    public const string FileName = "prompt-rules.json";

    private const RegexOptions Options =
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Multiline;

    private const RegexOptions SecretOptions = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private PromptRuleSet(string source, IReadOnlyList<PromptRule> rules, IReadOnlyList<SecretRule> secrets, TimeSpan timeout, int packAfter)
    {
        Source = source;
        var sets = new List<IReadOnlyList<string>>();
        Rules = [.. rules.Select(rule => rule with { Needs = Needs(rule, sets) })];
        Prefilter = new LiteralPrefilter(sets);
        Secrets = secrets;
        Groups = RuleGroup.Chunk(Rules, Options, timeout, packAfter);
        CompactGroups = RuleGroup.Chunk(Rules.Where(r => r.MatchCompact), Options, timeout, packAfter);
    }

    private static int[] Needs(PromptRule rule, List<IReadOnlyList<string>> sets)
    {
        var own = RequiredLiterals.Of(rule.Pattern);
        sets.AddRange(own);
        return [.. Enumerable.Range(sets.Count - own.Count, own.Count)];
    }

    /// <summary>The file (or name) the rules came from, for messages.</summary>
    public string Source { get; }

    public IReadOnlyList<PromptRule> Rules { get; }

    public IReadOnlyList<SecretRule> Secrets { get; }

    /// <summary>Which rules' required literals a view holds, so the others' regexes are skipped.</summary>
    internal LiteralPrefilter Prefilter { get; }

    /// <summary>The rules packed into alternations: one linear pass per group tells whether any of its rules can fire.</summary>
    internal IReadOnlyList<RuleChunk> Groups { get; }

    /// <summary>The groups of rules that also run on the compact (letters-only) view.</summary>
    internal IReadOnlyList<RuleChunk> CompactGroups { get; }

    /// <summary>The rule file of the install's configuration folder (<see cref="InstallEnvironment.ConfigDirectory"/>).</summary>
    public static string DefaultPath(Func<string, string?>? env = null) =>
        (env is null ? InstallEnvironment.Current : InstallEnvironment.Discover(env)).ConfigFile(FileName);

    /// <param name="compileOnFirstUse">
    /// Build each rule's automata when a text first needs it, not at load (one-shot commands: <c>securestack sanitize</c>), and a
    /// chunk's alternations only once it has been needed often (<see cref="RuleChunk.LazyPackAfter"/>); secret rules likewise.
    /// Syntax errors still fail the load; a construct the non-backtracking engine rejects fails the first text that needs the rule,
    /// with the same <see cref="PromptRuleFileException"/>. Long-running hosts load eagerly, so a bad file stops them at start.
    /// </param>
    public static PromptRuleSet Load(string path, TimeSpan? matchTimeout = null, bool compileOnFirstUse = false)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PromptRuleFileException($"{path}: cannot read the prompt rule file ({e.Message}).", e);
        }

        return Parse(json, path, matchTimeout, compileOnFirstUse);
    }

    public static PromptRuleSet Parse(string json, string source, TimeSpan? matchTimeout = null, bool compileOnFirstUse = false) =>
        Parse(json, source, matchTimeout, compileOnFirstUse ? RuleChunk.LazyPackAfter : 0);

    /// <param name="packAfter">0: eager; otherwise how often a chunk is needed before its alternations are built (tests vary it).</param>
    internal static PromptRuleSet Parse(string json, string source, TimeSpan? matchTimeout, int packAfter)
    {
        var compileOnFirstUse = packAfter > 0;
        var timeout = matchTimeout ?? SanitizerOptions.DefaultMatchTimeout;
        RuleFileModel? model;
        try
        {
            model = JsonSerializer.Deserialize(json, RuleFileJsonContext.Default.RuleFileModel);
        }
        catch (JsonException e)
        {
            throw new PromptRuleFileException($"{source}: not valid rule JSON ({e.Message}).", e);
        }

        if (model is null)
        {
            throw new PromptRuleFileException($"{source}: the file is empty; expected {{\"version\": 1, \"rules\": [...]}}.");
        }

        if (model.Version != 1)
        {
            throw new PromptRuleFileException($"{source}: \"version\" must be 1 (found {model.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).");
        }

        if (model.Rules is null || model.Rules.Count == 0)
        {
            throw new PromptRuleFileException($"{source}: \"rules\" is missing or empty; a sanitizer without rules would pass everything.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rules = model.Rules.Select((r, i) => CompileRule(r, i, source, ids, timeout, compileOnFirstUse)).ToList();
        var secrets = (model.Secrets ?? []).Select((r, i) => CompileSecret(r, i, source, ids, timeout, compileOnFirstUse)).ToList();
        return new PromptRuleSet(source, rules, secrets, timeout, packAfter);
    }

    private static PromptRule CompileRule(RuleModel model, int index, string source, HashSet<string> ids, TimeSpan timeout, bool checkSyntaxOnly)
    {
        var where = Where(source, "rules", index, model.Id);
        var (id, name, pattern, description, positive, negative) = Common(model, where, ids);
        var action = model.Action switch
        {
            "flag" => PromptRuleAction.Flag,
            "strip" => PromptRuleAction.Strip,
            "reject" => PromptRuleAction.Reject,
            _ => throw new PromptRuleFileException($"{where}: \"action\" must be \"flag\", \"strip\" or \"reject\" (found \"{model.Action}\")."),
        };
        if (checkSyntaxOnly)
        {
            // The backtracking parser reads the same syntax in microseconds; the automata come later, when needed.
            _ = Compile(pattern, Options & ~RegexOptions.NonBacktracking, timeout, where);
        }

        // Built lazily: the groups' alternations validate the pattern at load, and a rule's own regex is
        // needed only once its group has matched (compiling all of them took most of the start-up).
        return new PromptRule(id, name, pattern, action, description, model.MatchCompact ?? false, positive, negative)
        {
            Compiled = new Lazy<Regex>(() => Compile(pattern, Options, timeout, where)),
        };
    }

    private static SecretRule CompileSecret(RuleModel model, int index, string source, HashSet<string> ids, TimeSpan timeout, bool onFirstUse)
    {
        var where = Where(source, "secrets", index, model.Id);
        if (model.Action is not null || model.MatchCompact is not null)
        {
            throw new PromptRuleFileException($"{where}: secret rules take no \"action\" or \"match_compact\"; the relay's secret setting decides.");
        }

        var (id, name, pattern, description, positive, negative) = Common(model, where, ids);
        if (onFirstUse)
        {
            _ = Compile(pattern, SecretOptions & ~RegexOptions.NonBacktracking, timeout, where);
            return new SecretRule(id, name, pattern, description, positive, negative)
            {
                Compiled = new Lazy<Regex>(() => Compile(pattern, SecretOptions, timeout, where)),
            };
        }

        var regex = Compile(pattern, SecretOptions, timeout, where);
        return new SecretRule(id, name, pattern, description, positive, negative) { Compiled = new Lazy<Regex>(regex) };
    }

    private static (string Id, string Name, string Pattern, string Description, IReadOnlyList<string> Positive, IReadOnlyList<string> Negative) Common(
        RuleModel model, string where, HashSet<string> ids)
    {
        if (string.IsNullOrWhiteSpace(model.Id))
        {
            throw new PromptRuleFileException($"{where}: \"id\" is missing.");
        }

        if (!ids.Add(model.Id))
        {
            throw new PromptRuleFileException($"{where}: id \"{model.Id}\" is used twice.");
        }

        if (string.IsNullOrWhiteSpace(model.Name) || string.IsNullOrWhiteSpace(model.Pattern) || string.IsNullOrWhiteSpace(model.Description))
        {
            throw new PromptRuleFileException($"{where}: \"name\", \"pattern\" and \"description\" are all required.");
        }

        if (model.Examples?.Positive is not { Count: > 0 } positive || model.Examples.Negative is not { Count: > 0 } negative)
        {
            throw new PromptRuleFileException(
                $"{where}: \"examples\" needs at least one \"positive\" and one \"negative\" text, proof that the rule fires and stays quiet.");
        }

        return (model.Id, model.Name, model.Pattern, model.Description, positive, negative);
    }

    private static string Where(string source, string list, int index, string? id) =>
        id is null ? $"{source}: {list}[{index}]" : $"{source}: {list}[{index}] \"{id}\"";

    private static Regex Compile(string pattern, RegexOptions options, TimeSpan timeout, string where)
    {
        try
        {
            return new Regex(pattern, options, timeout);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new PromptRuleFileException(
                $"{where}: \"pattern\" is not a linear-time (non-backtracking) regex: {e.Message} " +
                "Lookarounds, backreferences and atomic groups are not allowed.", e);
        }
    }

    /// <summary>
    /// Whether <paramref name="rule"/> fires on <paramref name="text"/>. The first matches build the automata,
    /// which on a busy machine can outlast the match timeout; a timed-out check is retried, since the states
    /// built so far are kept.
    /// </summary>
    private static bool Fires(InjectionScanner scanner, PromptRule rule, string text)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var findings = scanner.Scan(text).Findings;
            if (!findings.Any(f => f.RuleId == PromptFinding.InspectionTimeout))
            {
                return findings.Any(f => f.RuleId == rule.Id);
            }
        }

        throw new PromptRuleFileException($"rule \"{rule.Id}\": checking the example \"{text}\" keeps hitting the match timeout.");
    }

    /// <summary>Every positive example must fire its rule and no negative example may; throws listing all failures.</summary>
    public void CheckExamples()
    {
        var scanner = new InjectionScanner(this, new SanitizerOptions());
        var problems = new List<string>();
        foreach (var rule in Rules)
        {
            problems.AddRange(rule.PositiveExamples
                .Where(text => !Fires(scanner, rule, text))
                .Select(text => $"rule \"{rule.Id}\" does not fire on its positive example \"{text}\""));
            problems.AddRange(rule.NegativeExamples
                .Where(text => Fires(scanner, rule, text))
                .Select(text => $"rule \"{rule.Id}\" fires on its negative example \"{text}\""));
        }

        foreach (var secret in Secrets)
        {
            problems.AddRange(secret.PositiveExamples.Where(t => !secret.Regex.IsMatch(t))
                .Select(text => $"secret rule \"{secret.Id}\" does not match its positive example \"{text}\""));
            problems.AddRange(secret.NegativeExamples.Where(t => secret.Regex.IsMatch(t))
                .Select(text => $"secret rule \"{secret.Id}\" matches its negative example \"{text}\""));
        }

        if (problems.Count > 0)
        {
            throw new PromptRuleFileException($"{Source}: {string.Join("; ", problems)}.");
        }
    }
}
