using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>Walks a tree without recursion, so 10,000-deep nesting costs no stack.</summary>
internal sealed unsafe class TreeCursor : IDisposable
{
    private readonly TreeCursorHandle _handle;
    private readonly SyntaxTree _tree;

    internal TreeCursor(SyntaxNode start)
    {
        _tree = start.Tree;
        _handle = new TreeCursorHandle(NativeMethods.TreeCursorNew(start.Native));
        LiveHandles.Created();
    }

    public SyntaxNode Current => new(NativeMethods.TreeCursorCurrentNode(_handle), _tree);

    public string? CurrentFieldName => Marshal.PtrToStringUTF8((nint)NativeMethods.TreeCursorCurrentFieldName(_handle));

    public bool GotoFirstChild() => NativeMethods.TreeCursorGotoFirstChild(_handle);

    public bool GotoNextSibling() => NativeMethods.TreeCursorGotoNextSibling(_handle);

    public bool GotoParent() => NativeMethods.TreeCursorGotoParent(_handle);

    /// <summary>Visits every node below the start in document order (pre-order).</summary>
    public IEnumerable<SyntaxNode> DescendantsAndSelf()
    {
        while (true)
        {
            yield return Current;
            if (GotoFirstChild() || GotoNextSibling())
            {
                continue;
            }
            while (true)
            {
                if (!GotoParent())
                {
                    yield break;
                }
                if (GotoNextSibling())
                {
                    break;
                }
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
