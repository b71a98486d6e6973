using System.Text;
using System.Text.RegularExpressions;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>A compiled tree-sitter query with its predicates. Immutable: cursors on many threads may share it.</summary>
internal sealed unsafe class Query : IDisposable
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private readonly QueryPredicate[][] _predicates;

    public Query(Grammar grammar, string source)
    {
        var bytes = Encoding.UTF8.GetBytes(source);
        nint pointer;
        uint errorOffset;
        TsQueryError error;
        fixed (byte* text = bytes)
        {
            pointer = NativeMethods.QueryNew(GrammarLanguages.Get(grammar), text, (uint)bytes.Length, out errorOffset, out error);
        }
        if (pointer == nint.Zero)
        {
            var offset = Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(errorOffset, (uint)bytes.Length));
            throw new QueryException($"{error} error in {grammar} query at offset {offset}: \"{Excerpt(source, offset)}\"", offset);
        }
        Handle = new QueryHandle(pointer);
        LiveHandles.Created();
        Grammar = grammar;
        var captureCount = (int)NativeMethods.QueryCaptureCount(Handle);
        CaptureNames = new string[captureCount];
        for (var i = 0; i < captureCount; i++)
        {
            var name = NativeMethods.QueryCaptureNameForId(Handle, (uint)i, out var length);
            CaptureNames[i] = Encoding.UTF8.GetString(name, (int)length);
        }
        var patternCount = (int)NativeMethods.QueryPatternCount(Handle);
        _predicates = new QueryPredicate[patternCount][];
        for (var i = 0; i < patternCount; i++)
        {
            _predicates[i] = ReadPredicates(i);
        }
    }

    public Grammar Grammar { get; }

    public string[] CaptureNames { get; }

    public int PatternCount => _predicates.Length;

    internal QueryHandle Handle { get; }

    public IReadOnlyList<QueryPredicate> PredicatesFor(int patternIndex) => _predicates[patternIndex];

    public void Dispose() => Handle.Dispose();

    private QueryPredicate[] ReadPredicates(int patternIndex)
    {
        var steps = NativeMethods.QueryPredicatesForPattern(Handle, (uint)patternIndex, out var count);
        var predicates = new List<QueryPredicate>();
        var current = new List<TsQueryPredicateStep>();
        for (var i = 0; i < count; i++)
        {
            if (steps[i].Type == TsPredicateStepType.Done)
            {
                var predicate = Build(current);
                if (predicate is not null)
                {
                    predicates.Add(predicate);
                }
                current.Clear();
            }
            else
            {
                current.Add(steps[i]);
            }
        }
        return [.. predicates];
    }

    private QueryPredicate? Build(List<TsQueryPredicateStep> steps)
    {
        if (steps.Count == 0 || steps[0].Type != TsPredicateStepType.String)
        {
            throw new QueryException("a predicate must start with its name, e.g. #eq?");
        }
        var name = StringValue(steps[0].ValueId);
        // Directives (#set!, #offset!) only annotate matches; they never filter.
        if (name.EndsWith('!'))
        {
            return null;
        }
        if (steps.Count < 3 || steps[1].Type != TsPredicateStepType.Capture)
        {
            throw new QueryException($"#{name} needs a capture and at least one argument");
        }
        var captureId = (int)steps[1].ValueId;
        switch (name)
        {
            case "eq?" or "not-eq?":
                if (steps.Count != 3)
                {
                    throw new QueryException($"#{name} takes a capture and one argument");
                }
                return steps[2].Type == TsPredicateStepType.Capture
                    ? new QueryPredicate(name, captureId, (int)steps[2].ValueId, null, null, null)
                    : new QueryPredicate(name, captureId, null, StringValue(steps[2].ValueId), null, null);
            case "match?" or "not-match?":
                if (steps.Count != 3 || steps[2].Type != TsPredicateStepType.String)
                {
                    throw new QueryException($"#{name} takes a capture and one regular expression string");
                }
                var pattern = StringValue(steps[2].ValueId);
                Regex regex;
                try
                {
                    regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
                }
                catch (ArgumentException e)
                {
                    throw new QueryException($"#{name} has an invalid regular expression \"{pattern}\": {e.Message}");
                }
                return new QueryPredicate(name, captureId, null, null, regex, null);
            case "any-of?":
                var choices = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 2; i < steps.Count; i++)
                {
                    if (steps[i].Type != TsPredicateStepType.String)
                    {
                        throw new QueryException("#any-of? takes a capture and string arguments");
                    }
                    choices.Add(StringValue(steps[i].ValueId));
                }
                return new QueryPredicate(name, captureId, null, null, null, choices);
            default:
                throw new QueryException($"unsupported predicate #{name}; use #eq?, #not-eq?, #match?, #not-match? or #any-of?");
        }
    }

    private string StringValue(uint id)
    {
        var value = NativeMethods.QueryStringValueForId(Handle, id, out var length);
        return Encoding.UTF8.GetString(value, (int)length);
    }

    private static string Excerpt(string source, int offset)
    {
        var start = Math.Clamp(offset, 0, source.Length);
        return source.Substring(start, Math.Min(40, source.Length - start));
    }
}
