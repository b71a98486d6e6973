using System.Text.RegularExpressions;
using SecureStack.Sanitizer.Classifier;
using SecureStack.Sanitizer.Normalization;
using SecureStack.Sanitizer.Rules;

namespace SecureStack.Sanitizer;

/// <summary>
/// Runs the rules over every view of a text: the normalised view, the compact view (letters only, for
/// rules marked <c>match_compact</c>), a ROT13 view when the text talks about decoding, and, recursively
/// up to a depth, hidden and encoded payloads. Findings point at spans of the original text.
/// Every pass is a non-backtracking regex, so time is linear in the input. With a model, each normalised view is
/// also scored; a score at the flag threshold adds a <see cref="PromptFinding.ModelScore"/> finding on the highest window.
/// </summary>
internal sealed class InjectionScanner
{
    private const int ExcerptChars = 120;

    // A rule's span is the attack phrase; the model's window is a whole passage, which findings (and the audit log)
    // must not quote in full.
    private const int ModelExcerptChars = 48;

    private static readonly Regex Rot13Hint = new(
        @"rot\s*-?\s*13|caesar|cipher|decod|decrypt|unscramble|rotate|shift",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private readonly PromptRuleSet _rules;
    private readonly SanitizerOptions _options;
    private readonly InjectionModel? _model;
    private readonly float _flag;
    private readonly float _reject;

    public InjectionScanner(PromptRuleSet rules, SanitizerOptions options, InjectionModel? model = null)
    {
        _rules = rules;
        _options = options;
        _model = model;
        _flag = options.ModelFlagThreshold ?? model?.FlagThreshold ?? 1f;
        _reject = Math.Max(_flag, options.ModelRejectThreshold ?? model?.RejectThreshold ?? 1f);
    }

    /// <summary>Scans <paramref name="text"/>; a timeout or an oversized text becomes a reject finding (fail closed).</summary>
    public ScanReport Scan(string text)
    {
        if (text.Length > _options.MaxFieldChars)
        {
            return new ScanReport([new PromptFinding(PromptFinding.InputTooLarge, PromptRuleAction.Reject, 0, text.Length, "text",
                $"{text.Length} characters exceed the inspection limit of {_options.MaxFieldChars}")], [], 0);
        }

        try
        {
            var findings = new FindingSet();
            var hidden = new List<HiddenText>();
            var segments = _options.MaxDecodedSegments;
            var best = new ScoredView(0f, 0, 0, "text");
            var invisible = ScanInto(text, 0, text.Length, depth: 0, "text", findings, hidden, ref segments, ref best);
            if (_model is not null && best.Probability >= _flag)
            {
                var action = best.Probability >= _reject ? PromptRuleAction.Reject : PromptRuleAction.Flag;
                findings.TryAdd(PromptFinding.ModelScore, best.Start, best.End, () => new PromptFinding(PromptFinding.ModelScore, action,
                    best.Start, best.End - best.Start, best.Source, Excerpt(text, best.Start, best.End, ModelExcerptChars)));
            }

            return new ScanReport(findings.Items, hidden, invisible) { Score = best.Probability };
        }
        catch (RegexMatchTimeoutException)
        {
            return new ScanReport([new PromptFinding(PromptFinding.InspectionTimeout, PromptRuleAction.Reject, 0, text.Length, "text",
                "the rules did not finish within the match timeout")], [], 0);
        }
    }

    /// <summary>
    /// Scans <paramref name="text"/>; findings of a nested payload (depth &gt; 0) cover the whole carrier
    /// span <paramref name="carrierStart"/>..<paramref name="carrierEnd"/> of the outer original.
    /// </summary>
    private int ScanInto(string text, int carrierStart, int carrierEnd, int depth, string source,
        FindingSet findings, List<HiddenText> hidden, ref int segments, ref ScoredView best)
    {
        var input = TextNormalizer.Normalize(text);
        if (_model is not null)
        {
            var score = _model.Score(input.View.Text);
            if (score.Probability > best.Probability)
            {
                var (start, end) = depth == 0 && score.Length > 0 ? input.View.ToOriginal(score.Start, score.Length) : (carrierStart, carrierEnd);
                best = new ScoredView(score.Probability, start, end, source);
            }
        }

        var local = depth == 0 ? findings : new FindingSet();
        Match(input.View, _rules.Groups, source, text, local);
        Match(input.Compact, _rules.CompactGroups, source == "text" ? "compact" : source, text, local);
        // The hint is looked for in the original: leetspeak folding would turn "rot13" into "rotie".
        if (Rot13Hint.IsMatch(text))
        {
            var rotated = new MappedText(Rot13(input.View.Text), input.View.Starts, input.View.Ends);
            Match(rotated, _rules.Groups, source == "text" ? "rot13" : source, text, local);
        }

        if (depth > 0)
        {
            foreach (var finding in local.Items)
            {
                findings.TryAdd(finding.RuleId, carrierStart, carrierEnd,
                    () => finding with { Start = carrierStart, Length = carrierEnd - carrierStart });
            }
        }

        var invisible = input.InvisibleRemoved;
        if (depth >= _options.MaxDecodeDepth)
        {
            return invisible;
        }

        var payloads = new List<HiddenText>(input.Hidden);
        if (segments > 0)
        {
            payloads.AddRange(EncodedSegments.Find(text, segments));
        }

        foreach (var payload in payloads)
        {
            if (segments-- <= 0)
            {
                break;
            }

            var (start, end) = depth == 0 ? (payload.Start, payload.End) : (carrierStart, carrierEnd);
            hidden.Add(payload with { Start = start, End = end });
            invisible += ScanInto(payload.Text, start, end, depth + 1, payload.Encoding, findings, hidden, ref segments, ref best);
        }

        return invisible;
    }

    private void Match(MappedText view, IReadOnlyList<RuleChunk> chunks, string source, string original, FindingSet findings)
    {
        if (view.Text.Length == 0)
        {
            return;
        }

        var found = _options.UseLiteralPrefilter ? _rules.Prefilter.Find(view.Text) : null;
        foreach (var chunk in chunks)
        {
            if (!AnyMayMatch(chunk.Rules, found))
            {
                continue;
            }

            foreach (var group in chunk.Groups)
            {
                if (AnyMayMatch(group.Rules, found) && group.Any.IsMatch(view.Text))
                {
                    MatchRules(view, group.Rules, found, source, original, findings);
                }
            }
        }
    }

    private static void MatchRules(MappedText view, IReadOnlyList<PromptRule> rules, bool[]? found, string source, string original, FindingSet findings)
    {
        foreach (var rule in rules)
        {
            if (!LiteralPrefilter.MayMatch(rule.Needs, found))
            {
                continue;
            }

            foreach (var m in rule.Regex.EnumerateMatches(view.Text))
            {
                if (m.Length == 0)
                {
                    continue;
                }

                var (start, end) = view.ToOriginal(m.Index, m.Length);
                findings.TryAdd(rule.Id, start, end, () => new PromptFinding(rule.Id, rule.Action, start, end - start, source, Excerpt(original, start, end, ExcerptChars)));
            }
        }
    }

    private static bool AnyMayMatch(IReadOnlyList<PromptRule> rules, bool[]? found)
    {
        foreach (var rule in rules)
        {
            if (LiteralPrefilter.MayMatch(rule.Needs, found))
            {
                return true;
            }
        }

        return false;
    }

    private static string Excerpt(string original, int start, int end, int limit) =>
        end - start > limit ? original[start..(start + limit)] + "…" : original[start..end];

    private static string Rot13(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c is >= 'a' and <= 'z' ? (char)('a' + ((c - 'a' + 13) % 26)) : c;
        }
    });
}
