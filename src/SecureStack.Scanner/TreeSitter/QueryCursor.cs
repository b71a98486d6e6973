namespace SecureStack.Scanner.TreeSitter;

/// <summary>Runs a <see cref="Query"/> over a node and yields the matches whose predicates hold.</summary>
internal sealed unsafe class QueryCursor : IDisposable
{
    // Bounds the cursor's in-progress state on adversarial trees.
    private const uint MatchLimit = 4096;

    // tree-sitter keeps a state per pattern per open ancestor and steps each of them at every node, so one run over N
    // nested levels costs N² (and past MatchLimit abandons matches); runs over windows this deep keep the states bounded.
    private const int WindowDepth = 32;

    // Text predicates over nested captures read each level's text again (quadratic); past this many bytes per byte of
    // the tree, plus a floor for small files, a run stops checking them and says so (TextLimitReached).
    private const long TextBudgetPerByte = 64;
    private const long TextBudgetFloor = 1024 * 1024;

    private readonly QueryCursorHandle _handle;
    private long _textBudget;

    public QueryCursor()
    {
        _handle = new QueryCursorHandle(NativeMethods.QueryCursorNew());
        LiveHandles.Created();
        NativeMethods.QueryCursorSetMatchLimit(_handle, MatchLimit);
        NativeMethods.QueryCursorSetMaxStartDepth(_handle, WindowDepth);
    }

    /// <summary>True when the last <see cref="Matches"/> skipped matches whose text predicates would have read past the budget.</summary>
    public bool TextLimitReached { get; private set; }

    /// <summary>True when a run of the last <see cref="Matches"/> held more in-progress matches than the limit and dropped some.</summary>
    public bool ExceededMatchLimit { get; private set; }

    /// <summary>Why the last <see cref="Matches"/> may have missed matches, or null when it checked everything.</summary>
    public string? IncompleteReason =>
        ExceededMatchLimit ? $"more than {MatchLimit} AST rule matches were in progress at once (code nested too deep or too wide); it was not fully checked"
        : TextLimitReached ? "code nested so deep that the AST rules' text checks stopped early; it was not fully checked"
        : null;

    /// <summary>
    /// Every match in <paramref name="node"/>'s subtree. Patterns start at most <see cref="WindowDepth"/> levels below
    /// where a run begins (a match may reach deeper); each node one level further starts a run of its own.
    /// </summary>
    public IEnumerable<QueryMatch> Matches(Query query, SyntaxNode node)
    {
        TextLimitReached = false;
        ExceededMatchLimit = false;
        _textBudget = TextBudgetFloor + (TextBudgetPerByte * (node.EndByte - node.StartByte));
        var runs = new Stack<SyntaxNode>();
        runs.Push(node);
        while (runs.TryPop(out var root))
        {
            NativeMethods.QueryCursorExec(_handle, query.Handle, root.Native);
            while (NextRaw(query, root.Tree) is { } match)
            {
                if (Holds(query, match))
                {
                    yield return match;
                }
            }
            ExceededMatchLimit |= NativeMethods.QueryCursorDidExceedMatchLimit(_handle);
            PushNextWindow(root, runs);
        }
    }

    public void Dispose() => _handle.Dispose();

    private bool Holds(Query query, QueryMatch match)
    {
        foreach (var predicate in query.PredicatesFor(match.PatternIndex))
        {
            if (predicate.ReadsText && (_textBudget -= predicate.TextLength(match.Captures)) < 0)
            {
                TextLimitReached = true;
                return false;
            }
            if (!predicate.Holds(match.Captures))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Pushes the nodes <see cref="WindowDepth"/> + 1 levels below <paramref name="root"/>, the first on top.</summary>
    private static void PushNextWindow(SyntaxNode root, Stack<SyntaxNode> runs)
    {
        var next = new List<SyntaxNode>();
        using var cursor = root.Walk();
        var depth = 0;
        while (true)
        {
            if (depth <= WindowDepth && cursor.GotoFirstChild())
            {
                depth++;
                continue;
            }
            if (depth == WindowDepth + 1)
            {
                next.Add(cursor.Current);
            }
            while (true)
            {
                if (depth == 0)
                {
                    for (var i = next.Count - 1; i >= 0; i--)
                    {
                        runs.Push(next[i]);
                    }
                    return;
                }
                if (cursor.GotoNextSibling())
                {
                    break;
                }
                cursor.GotoParent();
                depth--;
            }
        }
    }

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
