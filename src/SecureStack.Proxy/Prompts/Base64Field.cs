namespace SecureStack.Proxy.Prompts;

/// <summary>A JSON string that holds base64 text (an <c>input_file</c>): inspected decoded, written back encoded.</summary>
internal sealed record Base64Field(IReadOnlyList<object> Segments);
