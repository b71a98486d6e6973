using System.Text.Json;

namespace SecureStack.Proxy.Hosting;

/// <summary>The body of a policy block: <c>{"error":"blocked_by_policy","rules":["pi-ignore-instructions"]}</c>.</summary>
internal sealed record PolicyBlockBody(string Error, IReadOnlyList<string> Rules)
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
