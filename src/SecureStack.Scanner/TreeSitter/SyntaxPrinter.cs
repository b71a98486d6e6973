using System.Text;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>Prints the syntax tree of source code, for people writing <c>ast_query</c> rules.</summary>
public static class SyntaxPrinter
{
    public static string Print(Grammar grammar, string source)
    {
        using var parser = new Parser(grammar, TimeSpan.FromSeconds(10));
        using var tree = parser.Parse(Encoding.UTF8.GetBytes(source))
            ?? throw new TimeoutException("parsing took longer than 10 s");
        return tree.Root.ToSExpression();
    }
}
