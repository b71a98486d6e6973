namespace SecureStack.Scanner.Bytecode;

/// <summary>What a .pyc holds: the CPython version it was compiled for and its code objects, outermost first.</summary>
internal sealed record PycModule(string Version, IReadOnlyList<PycCode> Code);
