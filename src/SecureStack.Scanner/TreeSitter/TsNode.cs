using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>tree-sitter's TSNode, passed by value across the C boundary.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TsNode
{
    public uint Context0;
    public uint Context1;
    public uint Context2;
    public uint Context3;
    public nint Id;
    public nint Tree;
}
