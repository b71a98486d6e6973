using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>tree-sitter's TSPoint: zero-based row and byte column.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TsPoint
{
    public uint Row;
    public uint Column;
}
