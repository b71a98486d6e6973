using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>tree-sitter's TSQueryPredicateStep.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TsQueryPredicateStep
{
    public TsPredicateStepType Type;
    public uint ValueId;
}
