using System.Text.Json;

namespace SecureStack.Sanitizer.Inspection;

/// <summary>
/// Inspects the JSON body of a model-bound HTTP request: finds the prompt text of its route, runs the
/// sanitizer over each field (auditing every detection), and answers allow (the original bytes), rewritten
/// (stripped or redacted fields, the rest of the document unchanged in meaning), rejected, or bad request
/// (malformed JSON, duplicate keys, the wrong shape). Fields that never carry prompt text (<c>model</c>,
/// <c>tool</c> names, settings) are not inspected.
/// </summary>
public sealed class RequestInspector
{
    private readonly FieldInspector _fields;

    public RequestInspector(PromptSanitizer sanitizer, RelayOptions? relay = null)
    {
        ArgumentNullException.ThrowIfNull(sanitizer);
        _fields = new FieldInspector(sanitizer, relay ?? new RelayOptions());
        Relay = relay ?? new RelayOptions();
    }

    public RelayOptions Relay { get; }

    /// <exception cref="Audit.AuditLogUnavailableException">A detection could not be audited; refuse the request.</exception>
    public InspectionOutcome Inspect(PromptRoute route, ReadOnlyMemory<byte> body, InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        List<TextField> fields;
        try
        {
            using var document = JsonDocument.Parse(body, JsonPaths.Strict);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return InspectionOutcome.BadRequest("The request body must be a JSON object.");
            }

            fields = Collect(route, document.RootElement);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // InvalidOperationException: a lone surrogate escape (\uD800) is JSON syntax but no text; refuse it, never guess.
            return InspectionOutcome.BadRequest($"The request body is not valid JSON: {e.Message}");
        }

        var result = _fields.Inspect(fields, context, detectSecrets: route == PromptRoute.ModelRelay);
        if (result.RejectReason is not null)
        {
            return new InspectionOutcome(InspectionVerdict.Rejected, ReadOnlyMemory<byte>.Empty, result.RejectReason, result.Findings);
        }

        return result.Replacements.Count == 0
            ? new InspectionOutcome(InspectionVerdict.Allow, body, null, result.Findings)
            : new InspectionOutcome(InspectionVerdict.Rewritten, JsonPaths.Rewrite(body, result.Replacements), null, result.Findings);
    }

    private List<TextField> Collect(PromptRoute route, JsonElement root)
    {
        var fields = new List<TextField>();
        switch (route)
        {
            case PromptRoute.ChatCompletions:
                CollectMessages(root, fields, relay: false);
                break;
            case PromptRoute.ModelRelay:
                CollectMessages(root, fields, relay: true);
                break;
            case PromptRoute.Responses:
                CollectResponses(root, fields);
                break;
            case PromptRoute.HookAgent:
                CollectNamed(root, "message", fields);
                break;
            case PromptRoute.HookWake:
                CollectNamed(root, "text", fields);
                break;
            case PromptRoute.HookMapping:
                JsonPaths.CollectStrings(root, [], FieldKind.User, fields);
                break;
            case PromptRoute.ToolsInvoke:
                CollectNamed(root, "args", fields);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(route), route, "Unknown prompt route.");
        }

        return fields;
    }

    private static void CollectNamed(JsonElement root, string name, List<TextField> fields)
    {
        if (root.TryGetProperty(name, out var value))
        {
            JsonPaths.CollectStrings(value, [name], FieldKind.User, fields);
        }
    }

    /// <summary>
    /// Chat completions: <c>user</c> messages (string or text parts). On the relay also tool results as indirect
    /// content (OpenAI <c>tool</c> messages, Anthropic <c>tool_result</c> blocks) and every other role and
    /// Anthropic's top-level <c>system</c> for secrets, in the new turn only unless full history is configured.
    /// </summary>
    private void CollectMessages(JsonElement root, List<TextField> fields, bool relay)
    {
        if (relay && root.TryGetProperty("system", out var system))
        {
            CollectContent(system, ["system"], FieldKind.SecretsOnly, fields);
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var items = messages.EnumerateArray().ToList();
        var first = 0;
        if (relay && !Relay.InspectFullHistory)
        {
            first = items.FindLastIndex(m => Role(m) == "assistant") + 1;
        }

        for (var i = first; i < items.Count; i++)
        {
            var role = Role(items[i]);
            FieldKind? kind = role switch
            {
                "user" => FieldKind.User,
                "tool" or "function" when relay => FieldKind.Indirect,
                _ when relay => FieldKind.SecretsOnly,
                _ => null,
            };
            if (kind is { } k && items[i].ValueKind == JsonValueKind.Object && items[i].TryGetProperty("content", out var content))
            {
                CollectContent(content, ["messages", i, "content"], k, fields, relay && k == FieldKind.User ? FieldKind.Indirect : k);
            }
        }
    }

    /// <summary>Responses API: <c>instructions</c>, and <c>input</c> as a string or a list of items.</summary>
    private static void CollectResponses(JsonElement root, List<TextField> fields)
    {
        if (root.TryGetProperty("instructions", out var instructions) && instructions.ValueKind == JsonValueKind.String)
        {
            fields.Add(new TextField(["instructions"], instructions.GetString()!, FieldKind.User));
        }

        if (!root.TryGetProperty("input", out var input))
        {
            return;
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            fields.Add(new TextField(["input"], input.GetString()!, FieldKind.User));
            return;
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var i = 0;
        foreach (var item in input.EnumerateArray())
        {
            List<object> path = ["input", i++];
            if (item.ValueKind == JsonValueKind.String)
            {
                fields.Add(new TextField(path, item.GetString()!, FieldKind.User));
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object || Role(item) is "assistant" or "system" or "developer")
            {
                continue;
            }

            if (item.TryGetProperty("content", out var content))
            {
                CollectContent(content, [.. path, "content"], FieldKind.User, fields);
            }

            if (item.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.String)
            {
                fields.Add(new TextField([.. path, "output"], output.GetString()!, FieldKind.User));
            }
        }
    }

    /// <summary>
    /// A content value: a string, or parts whose text is in <c>text</c> (types text, input_text, output_text) or,
    /// for Anthropic <c>tool_result</c> blocks, in their own <c>content</c>, inspected as <paramref name="toolResultKind"/>.
    /// </summary>
    private static void CollectContent(JsonElement content, List<object> path, FieldKind kind, List<TextField> fields, FieldKind? toolResultKind = null)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            fields.Add(new TextField(path, content.GetString()!, kind));
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var j = 0;
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.String)
            {
                fields.Add(new TextField([.. path, j], part.GetString()!, kind));
            }
            else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                fields.Add(new TextField([.. path, j, "text"], text.GetString()!, kind));
            }
            else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("content", out var nested)
                && part.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "tool_result")
            {
                // Outside the relay a tool_result block is no tool output of ours: it keeps the user's (strictest) kind.
                CollectContent(nested, [.. path, j, "content"], toolResultKind ?? kind, fields);
            }

            j++;
        }
    }

    private static string? Role(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String
            ? role.GetString()!.ToLowerInvariant()
            : null;
}
