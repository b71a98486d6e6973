namespace SecureStack.Sanitizer;

/// <summary>Findings of one text, at most one per rule and overlapping span, with a logarithmic overlap check.</summary>
internal sealed class FindingSet
{
    private readonly Dictionary<string, List<(int Start, int End)>> _spans = new(StringComparer.Ordinal);

    public List<PromptFinding> Items { get; } = [];

    /// <summary>Adds the finding unless the same rule already covers an overlapping span.</summary>
    public bool TryAdd(string ruleId, int start, int end, Func<PromptFinding> create)
    {
        if (!_spans.TryGetValue(ruleId, out var spans))
        {
            spans = [];
            _spans[ruleId] = spans;
        }

        var at = spans.BinarySearch((start, end), SpanComparer.Instance);
        at = at < 0 ? ~at : at;
        if ((at > 0 && spans[at - 1].End > start) || (at < spans.Count && spans[at].Start < end))
        {
            return false;
        }

        spans.Insert(at, (start, end));
        Items.Add(create());
        return true;
    }

    private sealed class SpanComparer : IComparer<(int Start, int End)>
    {
        public static readonly SpanComparer Instance = new();

        public int Compare((int Start, int End) x, (int Start, int End) y) => x.Start.CompareTo(y.Start);
    }
}
