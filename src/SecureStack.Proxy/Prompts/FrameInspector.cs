using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecureStack.Proxy.Prompts;
using SecureStack.Sanitizer;

namespace SecureStack.Proxy.Prompts;

/// <summary>
/// Inspects OpenClaw gateway request frames <c>{"type":"req","id","method","params"}</c> of the methods that
/// carry prompt text or write text the agent later reads as instructions (<see cref="FrameInspectorOptions.DefaultPromptMethods"/>):
/// every string of <c>params</c>, and text attachments (base64 in <c>params.attachments[].content</c>). Other frames pass
/// untouched. A refused frame gets a <c>res</c> frame with the same id, <c>ok:false</c> and code
/// <c>FORBIDDEN</c>, to be sent on the client's socket while the connection stays usable.
/// </summary>
public sealed class FrameInspector
{
    private readonly FieldInspector _fields;
    private readonly FrameInspectorOptions _options;

    public FrameInspector(PromptSanitizer sanitizer, FrameInspectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sanitizer);
        _fields = new FieldInspector(sanitizer, new RelayOptions());
        _options = options ?? new FrameInspectorOptions();
    }

    /// <summary>Whether frames of this method carry prompts, i.e. whether <see cref="Inspect"/> runs the sanitizer on them.</summary>
    public bool InspectsMethod(string method) => _options.PromptMethods.Contains(method);

    /// <exception cref="Audit.AuditLogUnavailableException">A detection could not be audited; refuse the frame.</exception>
    public FrameOutcome Inspect(ReadOnlyMemory<byte> frame, InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame, JsonPaths.Strict);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return Refuse(null, "INVALID_REQUEST", "The frame is not valid JSON (or repeats a key).", []);
        }

        using (document)
        {
            try
            {
                return Inspect(frame, document.RootElement, context);
            }
            catch (InvalidOperationException)
            {
                // A lone surrogate escape (\uD800) is JSON syntax but no text: refuse it, never guess what a reader makes of it.
                return Refuse(null, "INVALID_REQUEST", "The frame has a string that is not valid Unicode text.", []);
            }
        }
    }

    private FrameOutcome Inspect(ReadOnlyMemory<byte> frame, JsonElement root, InspectionContext context)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "req"
            || !root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String
            || !_options.PromptMethods.Contains(methodElement.GetString()!))
        {
            return new FrameOutcome(FrameVerdict.Forward, frame, null, []);
        }

        var outcome = InspectPrompt(frame, root, methodElement.GetString()!, context);
        var action = outcome.Verdict switch
        {
            FrameVerdict.Forward => "allow",
            FrameVerdict.ForwardRewritten => "rewrite",
            _ => "reject",
        };
        Metrics.PromptMetrics.Record(Metrics.PromptMetrics.WebSocket, action, outcome.Findings, []);
        return outcome;
    }

    private FrameOutcome InspectPrompt(ReadOnlyMemory<byte> frame, JsonElement root, string method, InspectionContext context)
    {
        var id = root.TryGetProperty("id", out var idElement) ? idElement.Clone() : (JsonElement?)null;
        if (frame.Length > _options.MaxFrameBytes)
        {
            return Refuse(id, "FORBIDDEN", $"The frame exceeds the inspection limit of {_options.MaxFrameBytes} bytes.", []);
        }

        var fields = new List<TextField>();
        var attachments = new List<Attachment>();
        if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            if (!CollectFields(parameters, fields, attachments, out var problem))
            {
                return Refuse(id, "FORBIDDEN", problem, []);
            }
        }

        var frameContext = context with { Route = $"ws:{method}" };
        var result = _fields.Inspect(fields, frameContext, detectSecrets: false);
        if (result.RejectReason is not null)
        {
            return Refuse(id, "FORBIDDEN", result.RejectReason, result.Findings);
        }

        if (result.Replacements.Count == 0)
        {
            return new FrameOutcome(FrameVerdict.Forward, frame, null, result.Findings);
        }

        return new FrameOutcome(FrameVerdict.ForwardRewritten, Rewrite(frame, result.Replacements, attachments), null, result.Findings);
    }

    /// <summary>
    /// Every string of <c>params</c>: the prompt methods' parameters are small closed objects, and any of their
    /// strings (a message, a task, a cron job's payload, an AGENTS.md body) can end up in the model's context, so
    /// naming fields per method would only miss the next one. Attachments are decoded and inspected as text.
    /// </summary>
    private bool CollectFields(JsonElement parameters, List<TextField> fields, List<Attachment> attachments, out string problem)
    {
        problem = "";
        foreach (var property in parameters.EnumerateObject())
        {
            if (property.Name != "attachments")
            {
                JsonPaths.CollectStrings(property.Value, ["params", property.Name], FieldKind.User, fields);
            }
        }

        if (!parameters.TryGetProperty("attachments", out var list))
        {
            return true;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            JsonPaths.CollectStrings(list, ["params", "attachments"], FieldKind.User, fields);
            return true;
        }

        var i = 0;
        foreach (var attachment in list.EnumerateArray())
        {
            var index = i++;
            if (attachment.ValueKind != JsonValueKind.Object)
            {
                JsonPaths.CollectStrings(attachment, ["params", "attachments", index], FieldKind.User, fields);
                continue;
            }

            foreach (var property in attachment.EnumerateObject())
            {
                List<object> path = ["params", "attachments", index, property.Name];
                if (property.Name != "content" || property.Value.ValueKind != JsonValueKind.String)
                {
                    JsonPaths.CollectStrings(property.Value, path, FieldKind.User, fields);
                    continue;
                }

                if (!Base64Text.TryDecode(property.Value.GetString()!, out var text, out var prefix))
                {
                    // Binary (an image): no prompt text to read.
                    continue;
                }

                if (text.Length > _options.MaxAttachmentBytes)
                {
                    problem = $"Attachment params.attachments[{index}] exceeds the inspection limit of {_options.MaxAttachmentBytes} bytes.";
                    return false;
                }

                fields.Add(new TextField(path, text, FieldKind.User));
                attachments.Add(new Attachment(path, prefix));
            }
        }

        return true;
    }

    private static byte[] Rewrite(ReadOnlyMemory<byte> frame, IReadOnlyList<(IReadOnlyList<object> Segments, string Value)> replacements, List<Attachment> attachments)
    {
        var encoded = replacements.Select(r =>
        {
            var attachment = attachments.FirstOrDefault(a => a.Segments.SequenceEqual(r.Segments));
            return attachment is null
                ? r
                : (r.Segments, attachment.Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(r.Value)));
        });
        return JsonPaths.Rewrite(frame, encoded);
    }

    private static FrameOutcome Refuse(JsonElement? id, string code, string message, IReadOnlyList<FieldFinding> findings)
    {
        var reply = new JsonObject
        {
            ["type"] = "res",
            ["id"] = id is { } value ? JsonNode.Parse(value.GetRawText()) : null,
            ["ok"] = false,
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        };
        return new FrameOutcome(FrameVerdict.Refuse, JsonSerializer.SerializeToUtf8Bytes(reply), message, findings);
    }

    private sealed record Attachment(IReadOnlyList<object> Segments, string Prefix);
}
