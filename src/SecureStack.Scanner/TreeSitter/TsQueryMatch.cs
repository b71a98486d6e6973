using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>tree-sitter's TSQueryMatch; the captures pointer is valid until the cursor moves on.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TsQueryMatch
{
    public uint Id;
    public ushort PatternIndex;
    public ushort CaptureCount;
    public TsQueryCapture* Captures;
}
