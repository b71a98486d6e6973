using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>tree-sitter's TSTreeCursor; lives in native memory owned by <see cref="TreeCursorHandle"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TsTreeCursor
{
    public nint Tree;
    public nint Id;
    public uint Context0;
    public uint Context1;
    public uint Context2;
}
