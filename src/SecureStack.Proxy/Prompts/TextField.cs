namespace SecureStack.Proxy.Prompts;

/// <summary>One string of a JSON document: where it is (for audit and rewriting), what it says, how to treat it.</summary>
internal sealed record TextField(IReadOnlyList<object> Segments, string Value, FieldKind Kind)
{
    /// <summary>The path as people read it: <c>messages[2].content[0].text</c>.</summary>
    public string Path => JsonPaths.Format(Segments);
}
