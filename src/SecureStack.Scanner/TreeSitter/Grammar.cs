namespace SecureStack.Scanner.TreeSitter;

/// <summary>The grammars compiled into the native library.</summary>
public enum Grammar
{
    JavaScript,
    TypeScript,
    Tsx,
    Bash,
    Python,
}
