using System.Text.Json;
using SecureStack.Sanitizer;
using SecureStack.Sanitizer.Rules;
using SecureStack.Proxy.Inspection;

namespace SecureStack.Proxy.Prompts;

/// <summary>
/// Inspects the JSON body of a model-bound HTTP request: finds the prompt text of its route, runs the
/// sanitizer over each field (auditing every detection), and answers allow (the original bytes), rewritten
/// (stripped or redacted fields, the rest of the document unchanged in meaning), rejected, or bad request
/// (malformed JSON, duplicate keys, the wrong shape). Fields that never carry prompt text (<c>model</c>,
/// <c>tool</c> names, settings) are not inspected.
/// </summary>
public sealed class RequestInspector
{
    /// <summary>The rule id a refused client system prompt is reported under (it is policy, not a detection).</summary>
    public const string ClientSystemPromptRule = "client-system-prompt";

    /// <summary>The rule id a refused <c>input_file</c> that cannot be read as text is reported under.</summary>
    public const string UninspectableFileRule = "uninspectable-file";

    private readonly FieldInspector _fields;

    public RequestInspector(PromptSanitizer sanitizer, RelayOptions? relay = null, ClientSystemPrompts systemPrompts = ClientSystemPrompts.Inspect)
    {
        ArgumentNullException.ThrowIfNull(sanitizer);
        _fields = new FieldInspector(sanitizer, relay ?? new RelayOptions());
        Relay = relay ?? new RelayOptions();
        SystemPrompts = systemPrompts;
    }

    public RelayOptions Relay { get; }

    public ClientSystemPrompts SystemPrompts { get; }

    /// <exception cref="Audit.AuditLogUnavailableException">A detection could not be audited; refuse the request.</exception>
    public InspectionOutcome Inspect(PromptRoute route, ReadOnlyMemory<byte> body, InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = Decide(route, body, context);
        var action = outcome.Verdict switch
        {
            InspectionAction.Allow => "allow",
            InspectionAction.Rewritten => "rewrite",
            InspectionAction.Rejected => "reject",
            _ => "bad_request",
        };
        Metrics.PromptMetrics.Record(route == PromptRoute.ModelRelay ? Metrics.PromptMetrics.Relay : Metrics.PromptMetrics.Http, action, outcome.Findings, outcome.Rules);
        return outcome;
    }

    private InspectionOutcome Decide(PromptRoute route, ReadOnlyMemory<byte> body, InspectionContext context)
    {
        List<TextField> fields;
        var refused = new List<string>();
        var decoded = new List<Base64Field>();
        try
        {
            using var document = JsonDocument.Parse(body, JsonPaths.Strict);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return InspectionOutcome.BadRequest("The request body must be a JSON object.");
            }

            fields = Collect(route, document.RootElement, refused, decoded);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // InvalidOperationException: a lone surrogate escape (\uD800) is JSON syntax but no text; refuse it, never guess.
            return InspectionOutcome.BadRequest($"The request body is not valid JSON: {e.Message}");
        }

        if (refused.Count > 0)
        {
            // Policy, not detection: nothing was scanned, so nothing fired; the reason names the fields.
            var rules = refused.Select(r => r.StartsWith("input_file", StringComparison.Ordinal) ? UninspectableFileRule : ClientSystemPromptRule).Distinct().ToList();
            return new InspectionOutcome(InspectionAction.Rejected, ReadOnlyMemory<byte>.Empty,
                $"Refused by the prompt security policy: {string.Join("; ", refused)}.", [], rules);
        }

        var result = _fields.Inspect(fields, context, detectSecrets: route == PromptRoute.ModelRelay);
        if (result.RejectReason is not null)
        {
            var rules = result.Findings.Where(f => f.Action == PromptRuleAction.Reject).SelectMany(f => f.RuleIds).Distinct(StringComparer.Ordinal).ToList();
            return new InspectionOutcome(InspectionAction.Rejected, ReadOnlyMemory<byte>.Empty, result.RejectReason, result.Findings, rules);
        }

        if (result.Replacements.Count == 0)
        {
            return new InspectionOutcome(InspectionAction.Allow, body, null, result.Findings, []);
        }

        // A stripped file goes back as base64, as it came.
        var replacements = result.Replacements.Select(r => decoded.Any(d => d.Segments.SequenceEqual(r.Segments))
            ? (r.Segments, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(r.Value)))
            : r);
        return new InspectionOutcome(InspectionAction.Rewritten, JsonPaths.Rewrite(body, replacements), null, result.Findings, []);
    }

    private List<TextField> Collect(PromptRoute route, JsonElement root, List<string> refused, List<Base64Field> decoded)
    {
        var fields = new List<TextField>();
        switch (route)
        {
            case PromptRoute.ChatCompletions:
                CollectMessages(root, fields, refused, relay: false);
                break;
            case PromptRoute.ModelRelay:
                CollectMessages(root, fields, refused, relay: true);
                break;
            case PromptRoute.Responses:
                CollectResponses(root, fields, refused, decoded);
                break;
            case PromptRoute.HookAgent:
                // The name too: OpenClaw posts the run's result to the main session as "Hook <name>: ...".
                CollectNamed(root, "message", fields);
                CollectNamed(root, "name", fields);
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
    /// Chat completions. From clients, every message OpenClaw turns into prompt text (openai-http.ts
    /// <c>buildAgentPrompt</c>): system and developer messages (the system prompt), user, assistant history with its
    /// tool calls, and tool results, whatever the role's surrounding white space. On the relay: user turns, tool
    /// results as indirect content (OpenAI <c>tool</c> messages, Anthropic <c>tool_result</c> blocks) and every other
    /// role and Anthropic's top-level <c>system</c> for secrets, in the new turn only unless full history is configured.
    /// </summary>
    private void CollectMessages(JsonElement root, List<TextField> fields, List<string> refused, bool relay)
    {
        if (relay && root.TryGetProperty("system", out var system))
        {
            CollectContent(system, ["system"], FieldKind.SecretsOnly, fields);
        }

        if (!relay && root.TryGetProperty("tools", out var tools))
        {
            // Client tool definitions (names, descriptions, schemas) are handed to the model as they are.
            JsonPaths.CollectStrings(tools, ["tools"], FieldKind.User, fields);
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var items = messages.EnumerateArray().ToList();
        var first = 0;
        if (relay && !Relay.InspectFullHistory)
        {
            first = items.FindLastIndex(m => Role(m)?.ToLowerInvariant() == "assistant") + 1;
        }

        for (var i = first; i < items.Count; i++)
        {
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var role = Role(items[i]);
            if (!relay)
            {
                CollectClientMessage(items[i], ["messages", i], role, fields, refused);
                continue;
            }

            var kind = role?.ToLowerInvariant() switch
            {
                "user" => FieldKind.User,
                "tool" or "function" => FieldKind.Indirect,
                _ => FieldKind.SecretsOnly,
            };
            if (items[i].TryGetProperty("content", out var content))
            {
                CollectContent(content, ["messages", i, "content"], kind, fields, kind == FieldKind.User ? FieldKind.Indirect : kind);
            }
        }
    }

    /// <summary>One client chat message: its content, and the strings OpenClaw renders around it (tool calls, tool names and ids).</summary>
    private void CollectClientMessage(JsonElement message, List<object> path, string? role, List<TextField> fields, List<string> refused)
    {
        if (role is "system" or "developer" && SystemPrompts == ClientSystemPrompts.Refuse)
        {
            refused.Add($"client {role} prompt in {JsonPaths.Format(path)}");
            return;
        }

        if (message.TryGetProperty("content", out var content))
        {
            CollectContent(content, [.. path, "content"], FieldKind.User, fields);
        }

        foreach (var name in (string[])["tool_calls", "name", "tool_call_id"])
        {
            if (message.TryGetProperty(name, out var value))
            {
                JsonPaths.CollectStrings(value, [.. path, name], FieldKind.User, fields);
            }
        }
    }

    /// <summary>
    /// Responses API (openresponses-http.ts): <c>instructions</c>; <c>input</c> as a string or items: messages of
    /// every role (system and developer become the system prompt, assistant history the conversation), function
    /// calls and their outputs, and <c>input_file</c> parts, whose text OpenClaw extracts into the system prompt.
    /// A file the proxy cannot read as UTF-8 text (a PDF, a URL the gateway would fetch) is refused.
    /// </summary>
    private void CollectResponses(JsonElement root, List<TextField> fields, List<string> refused, List<Base64Field> decoded)
    {
        if (root.TryGetProperty("instructions", out var instructions) && instructions.ValueKind == JsonValueKind.String)
        {
            if (SystemPrompts == ClientSystemPrompts.Refuse)
            {
                refused.Add("client system prompt in instructions");
            }
            else
            {
                fields.Add(new TextField(["instructions"], instructions.GetString()!, FieldKind.User));
            }
        }

        if (root.TryGetProperty("tools", out var tools))
        {
            JsonPaths.CollectStrings(tools, ["tools"], FieldKind.User, fields);
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

            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var role = Role(item);
            if (role is "system" or "developer" && SystemPrompts == ClientSystemPrompts.Refuse)
            {
                refused.Add($"client {role} prompt in {JsonPaths.Format(path)}");
                continue;
            }

            if (item.TryGetProperty("content", out var content))
            {
                CollectContent(content, [.. path, "content"], FieldKind.User, fields);
                CollectFiles(content, [.. path, "content"], fields, refused, decoded);
            }

            foreach (var name in (string[])["output", "name", "arguments", "call_id"])
            {
                if (item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    fields.Add(new TextField([.. path, name], value.GetString()!, FieldKind.User));
                }
            }
        }
    }

    /// <summary><c>input_file</c> parts: base64 text is decoded and inspected; anything else cannot be inspected and is refused.</summary>
    private static void CollectFiles(JsonElement content, List<object> path, List<TextField> fields, List<string> refused, List<Base64Field> decoded)
    {
        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var j = 0;
        foreach (var part in content.EnumerateArray())
        {
            List<object> partPath = [.. path, j++];
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || !IsString(type, "input_file"))
            {
                continue;
            }

            if (part.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object
                && source.TryGetProperty("type", out var sourceType) && IsString(sourceType, "base64")
                && source.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String
                && Base64Text.TryDecode(data.GetString()!, out var text))
            {
                List<object> dataPath = [.. partPath, "source", "data"];
                fields.Add(new TextField(dataPath, text, FieldKind.User));
                decoded.Add(new Base64Field(dataPath));
                continue;
            }

            refused.Add($"input_file the proxy cannot read as UTF-8 text (a PDF, binary or URL source) in {JsonPaths.Format(partPath)}");
        }
    }

    /// <summary>
    /// A content value: a string, or parts whose text OpenClaw reads: <c>text</c> (types text, input_text,
    /// output_text, and any other part's <c>text</c>), an <c>input_text</c> field of any part, or, for Anthropic
    /// <c>tool_result</c> blocks, their own <c>content</c>, inspected as <paramref name="toolResultKind"/>.
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
            else if (part.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["text", "input_text"])
                {
                    if (part.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        fields.Add(new TextField([.. path, j, name], text.GetString()!, kind));
                    }
                }

                if (part.TryGetProperty("content", out var nested) && part.TryGetProperty("type", out var type) && IsString(type, "tool_result"))
                {
                    // Outside the relay a tool_result block is no tool output of ours: it keeps the user's (strictest) kind.
                    CollectContent(nested, [.. path, j, "content"], toolResultKind ?? kind, fields);
                }
            }

            j++;
        }
    }

    /// <summary>The role as OpenClaw compares it: trimmed the JavaScript way, case kept (<c>"System"</c> is no role to it).</summary>
    private static string? Role(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String
            ? JsText.Trim(role.GetString()!)
            : null;

    /// <summary>ValueEquals throws on a number or an object: a client's <c>"type": 5</c> must not fault the inspection.</summary>
    private static bool IsString(JsonElement element, string value) => element.ValueKind == JsonValueKind.String && element.ValueEquals(value);
}
