namespace SecureStack.Scanner.TreeSitter;

/// <summary>A parsed tree and the UTF-8 source it was parsed from.</summary>
internal sealed class SyntaxTree : IDisposable
{
    private readonly TreeHandle _handle;

    internal SyntaxTree(TreeHandle handle, ReadOnlyMemory<byte> source, Grammar grammar)
    {
        _handle = handle;
        Source = source;
        Grammar = grammar;
    }

    public ReadOnlyMemory<byte> Source { get; }

    public Grammar Grammar { get; }

    public SyntaxNode Root
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return new SyntaxNode(NativeMethods.TreeRootNode(_handle), this);
        }
    }

    internal bool IsDisposed => _handle.IsClosed;

    public void Dispose() => _handle.Dispose();
}
