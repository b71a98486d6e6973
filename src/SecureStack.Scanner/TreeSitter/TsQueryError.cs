namespace SecureStack.Scanner.TreeSitter;

/// <summary>tree-sitter's TSQueryError.</summary>
internal enum TsQueryError : uint
{
    None = 0,
    Syntax,
    NodeType,
    Field,
    Capture,
    Structure,
    Language,
}
