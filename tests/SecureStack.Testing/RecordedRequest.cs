namespace SecureStack.Testing;

/// <summary>One request as the fake upstream received it (header names lower-cased; repeated headers joined by ", ").</summary>
public sealed record RecordedRequest(
    string Method,
    string RawTarget,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    IReadOnlyCollection<string> WebSocketMessages)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());
}
