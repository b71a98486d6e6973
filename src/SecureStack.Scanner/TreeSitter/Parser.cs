namespace SecureStack.Scanner.TreeSitter;

/// <summary>A tree-sitter parser for one grammar. Not thread-safe: use one per thread.</summary>
internal sealed unsafe class Parser : IDisposable
{
    private readonly ParserHandle _handle;

    public Parser(Grammar grammar, TimeSpan timeout)
    {
        _handle = new ParserHandle(NativeMethods.ParserNew());
        LiveHandles.Created();
        if (!NativeMethods.ParserSetLanguage(_handle, GrammarLanguages.Get(grammar)))
        {
            _handle.Dispose();
            throw new InvalidOperationException($"tree-sitter rejected the {grammar} grammar (ABI {GrammarLanguages.AbiVersion(grammar)}); rebuild native/tree-sitter with matching versions");
        }
        NativeMethods.ParserSetTimeoutMicros(_handle, (ulong)(timeout.Ticks / 10));
        Grammar = grammar;
    }

    public Grammar Grammar { get; }

    /// <summary>Parses UTF-8 source; returns null when parsing hit the time limit.</summary>
    public SyntaxTree? Parse(ReadOnlyMemory<byte> source)
    {
        nint tree;
        fixed (byte* bytes = source.Span)
        {
            tree = NativeMethods.ParserParseString(_handle, nint.Zero, bytes, (uint)source.Length);
        }
        if (tree == nint.Zero)
        {
            // A timed-out parse leaves state behind that would make the next call resume it.
            NativeMethods.ParserReset(_handle);
            return null;
        }
        LiveHandles.Created();
        return new SyntaxTree(new TreeHandle(tree), source, Grammar);
    }

    public void Dispose() => _handle.Dispose();
}
