using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Skills;

/// <summary>One parser per grammar per thread (tree-sitter parsers are not thread-safe); disposed with the scanner.</summary>
internal sealed class ParserPool : IDisposable
{
    private readonly ThreadLocal<Dictionary<Grammar, Parser>> _parsers = new(() => [], trackAllValues: true);
    private readonly TimeSpan _timeout;

    public ParserPool(TimeSpan timeout)
    {
        _timeout = timeout;
    }

    public Parser Get(Grammar grammar)
    {
        var parsers = _parsers.Value!;
        if (!parsers.TryGetValue(grammar, out var parser))
        {
            parsers[grammar] = parser = new Parser(grammar, _timeout);
        }
        return parser;
    }

    public void Dispose()
    {
        foreach (var parsers in _parsers.Values)
        {
            foreach (var parser in parsers.Values)
            {
                parser.Dispose();
            }
        }
        _parsers.Dispose();
    }
}
