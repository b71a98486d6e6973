namespace SecureStack.Scanner.Bytecode;

/// <summary>One code object of a .pyc: a module body, function or class body, with what it names and the strings it holds.</summary>
internal sealed record PycCode(string Name, int FirstLine, IReadOnlyList<string> Names, IReadOnlyList<string> Strings);
