using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>A node of a <see cref="SyntaxTree"/>; valid while the tree is not disposed.</summary>
internal readonly unsafe struct SyntaxNode
{
    // ts_node_type returns pointers into the grammar's static tables, so the pointer identifies the string.
    private static readonly ConcurrentDictionary<nint, string> TypeNames = new();

    private readonly TsNode _node;

    internal SyntaxNode(TsNode node, SyntaxTree tree)
    {
        _node = node;
        Tree = tree;
    }

    public SyntaxTree Tree { get; }

    internal TsNode Native => _node;

    public bool IsNull => Tree is null || NativeMethods.NodeIsNull(_node);

    public string Type
    {
        get
        {
            var pointer = (nint)NativeMethods.NodeType(Checked());
            return TypeNames.GetOrAdd(pointer, static p => Marshal.PtrToStringUTF8(p) ?? string.Empty);
        }
    }

    public int StartByte => (int)NativeMethods.NodeStartByte(Checked());

    public int EndByte => (int)NativeMethods.NodeEndByte(Checked());

    /// <summary>Zero-based row and byte column.</summary>
    public (int Row, int Column) Start
    {
        get
        {
            var point = NativeMethods.NodeStartPoint(Checked());
            return ((int)point.Row, (int)point.Column);
        }
    }

    public bool IsNamed => NativeMethods.NodeIsNamed(Checked());

    public bool HasError => NativeMethods.NodeHasError(Checked());

    public bool IsError => NativeMethods.NodeIsError(Checked());

    public bool IsMissing => NativeMethods.NodeIsMissing(Checked());

    public int ChildCount => (int)NativeMethods.NodeChildCount(Checked());

    public int NamedChildCount => (int)NativeMethods.NodeNamedChildCount(Checked());

    public SyntaxNode Parent => new(NativeMethods.NodeParent(Checked()), Tree);

    public SyntaxNode Child(int index) => new(NativeMethods.NodeChild(Checked(), (uint)index), Tree);

    public SyntaxNode NamedChild(int index) => new(NativeMethods.NodeNamedChild(Checked(), (uint)index), Tree);

    public SyntaxNode ChildByField(string field)
    {
        Span<byte> name = stackalloc byte[Encoding.UTF8.GetMaxByteCount(field.Length)];
        var length = Encoding.UTF8.GetBytes(field, name);
        fixed (byte* bytes = name)
        {
            return new SyntaxNode(NativeMethods.NodeChildByFieldName(Checked(), bytes, (uint)length), Tree);
        }
    }

    public ReadOnlySpan<byte> Utf8Text
    {
        get
        {
            var source = Tree.Source.Span;
            var start = Math.Min(StartByte, source.Length);
            var end = Math.Min(Math.Max(EndByte, start), source.Length);
            return source[start..end];
        }
    }

    public string Text => Encoding.UTF8.GetString(Utf8Text);

    public TreeCursor Walk() => new(this);

    /// <summary>The node as a tree-sitter S-expression, the shape <c>ast_query</c> rules are written against.</summary>
    public string ToSExpression()
    {
        var text = NativeMethods.NodeString(Checked());
        try
        {
            return Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
        }
        finally
        {
            NativeMethods.Free(text);
        }
    }

    private TsNode Checked()
    {
        ObjectDisposedException.ThrowIf(Tree is null || Tree.IsDisposed, typeof(SyntaxTree));
        return _node;
    }
}
