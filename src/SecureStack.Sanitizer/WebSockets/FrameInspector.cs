using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using SecureStack.Sanitizer.Inspection;

namespace SecureStack.Sanitizer.WebSockets;

/// <summary>
/// Inspects OpenClaw gateway request frames <c>{"type":"req","id","method","params"}</c> of the methods that
/// carry prompt text: <c>params.message</c> (and <c>params.task</c> of <c>sessions.create</c>), <c>params.text</c>
/// of <c>wake</c>, and text attachments (base64 in <c>params.attachments[].content</c>). Other frames pass
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

        var method = methodElement.GetString()!;
        var id = root.TryGetProperty("id", out var idElement) ? idElement.Clone() : (JsonElement?)null;
        if (frame.Length > _options.MaxFrameBytes)
        {
            return Refuse(id, "FORBIDDEN", $"The frame exceeds the inspection limit of {_options.MaxFrameBytes} bytes.", []);
        }

        var fields = new List<TextField>();
        var attachments = new List<Attachment>();
        if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            if (!CollectFields(method, parameters, fields, attachments, out var problem))
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

    private bool CollectFields(string method, JsonElement parameters, List<TextField> fields, List<Attachment> attachments, out string problem)
    {
        problem = "";
        string[] names = method switch
        {
            "wake" => ["text"],
            "sessions.create" => ["message", "task"],
            _ => ["message"],
        };
        foreach (var name in names)
        {
            if (parameters.TryGetProperty(name, out var value))
            {
                JsonPaths.CollectStrings(value, ["params", name], FieldKind.User, fields);
            }
        }

        if (!parameters.TryGetProperty("attachments", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var i = 0;
        foreach (var attachment in list.EnumerateArray())
        {
            var index = i++;
            if (attachment.ValueKind != JsonValueKind.Object
                || !attachment.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            if (!TryDecodeText(content.GetString()!, out var text, out var prefix))
            {
                continue;
            }

            if (text.Length > _options.MaxAttachmentBytes)
            {
                problem = $"Attachment params.attachments[{index}] exceeds the inspection limit of {_options.MaxAttachmentBytes} bytes.";
                return false;
            }

            List<object> path = ["params", "attachments", index, "content"];
            fields.Add(new TextField(path, text, FieldKind.User));
            attachments.Add(new Attachment(path, prefix));
        }

        return true;
    }

    /// <summary>Base64 (optionally a <c>data:</c> URL) whose bytes are UTF-8 text; binary attachments are not prompt text.</summary>
    private static bool TryDecodeText(string content, out string text, out string prefix)
    {
        text = "";
        prefix = "";
        var payload = content;
        if (content.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && content.IndexOf(',', StringComparison.Ordinal) is var comma and > 0)
        {
            prefix = content[..(comma + 1)];
            payload = content[(comma + 1)..];
        }

        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(payload.Length)];
        if (!Convert.TryFromBase64String(payload, bytes, out var written) || !Utf8.IsValid(bytes.AsSpan(0, written)))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(bytes, 0, written);
        return !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
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
