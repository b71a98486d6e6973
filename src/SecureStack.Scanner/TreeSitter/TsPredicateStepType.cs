namespace SecureStack.Scanner.TreeSitter;

/// <summary>tree-sitter's TSQueryPredicateStepType.</summary>
internal enum TsPredicateStepType : uint
{
    Done = 0,
    Capture = 1,
    String = 2,
}
