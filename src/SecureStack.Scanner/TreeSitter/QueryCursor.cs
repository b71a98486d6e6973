namespace SecureStack.Scanner.TreeSitter;

/// <summary>Runs a <see cref="Query"/> over a node and yields the matches whose predicates hold.</summary>
internal sealed unsafe class QueryCursor : IDisposable
{
    // Bounds the cursor's in-progress state on adversarial trees.
    private const uint MatchLimit = 4096;

    private readonly QueryCursorHandle _handle;

    public QueryCursor()
    {
        _handle = new QueryCursorHandle(NativeMethods.QueryCursorNew());
        LiveHandles.Created();
        NativeMethods.QueryCursorSetMatchLimit(_handle, MatchLimit);
    }

    public IEnumerable<QueryMatch> Matches(Query query, SyntaxNode node)
    {
        NativeMethods.QueryCursorExec(_handle, query.Handle, node.Native);
        while (true)
        {
            var match = NextRaw(query, node.Tree);
            if (match is null)
            {
                yield break;
            }
            var holds = true;
            foreach (var predicate in query.PredicatesFor(match.PatternIndex))
            {
                if (!predicate.Holds(match.Captures))
                {
                    holds = false;
                    break;
                }
            }
            if (holds)
            {
                yield return match;
            }
        }
    }

    public void Dispose() => _handle.Dispose();

    private QueryMatch? NextRaw(Query query, SyntaxTree tree)
    {
        if (!NativeMethods.QueryCursorNextMatch(_handle, out var raw))
        {
            return null;
        }
        var captures = new QueryCapture[raw.CaptureCount];
        for (var i = 0; i < raw.CaptureCount; i++)
        {
            var capture = raw.Captures[i];
            captures[i] = new QueryCapture((int)capture.Index, query.CaptureNames[capture.Index], new SyntaxNode(capture.Node, tree));
        }
        return new QueryMatch(raw.PatternIndex, captures);
    }
}
