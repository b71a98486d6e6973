using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>tree-sitter's TSQueryCapture.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TsQueryCapture
{
    public TsNode Node;
    public uint Index;
}
