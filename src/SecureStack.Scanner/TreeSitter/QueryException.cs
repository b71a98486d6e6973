namespace SecureStack.Scanner.TreeSitter;

/// <summary>A tree-sitter query that does not compile, with the offset of the problem in the query text.</summary>
public sealed class QueryException : Exception
{
    public QueryException(string message, int offset)
        : base(message)
    {
        Offset = offset;
    }

    public QueryException()
    {
    }

    public QueryException(string message)
        : base(message)
    {
    }

    public QueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Character offset in the query text, or -1.</summary>
    public int Offset { get; } = -1;
}
