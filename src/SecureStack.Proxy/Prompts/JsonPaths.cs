using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureStack.Proxy.Prompts;

/// <summary>Strict parsing, path formatting, string collection and in-place replacement for request bodies.</summary>
internal static class JsonPaths
{
    /// <summary>Duplicate keys are refused: a reader that takes the first and one that takes the last would see different prompts.</summary>
    public static readonly JsonDocumentOptions Strict = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    public static string Format(IReadOnlyList<object> segments)
    {
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment is int index)
            {
                builder.Append('[').Append(index).Append(']');
            }
            else if (segment is string name && name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                builder.Append(builder.Length == 0 ? "" : ".").Append(name);
            }
            else
            {
                builder.Append('[').Append(JsonSerializer.Serialize(segment)).Append(']');
            }
        }

        return builder.ToString();
    }

    /// <summary>Collects every string under <paramref name="element"/>, recursively.</summary>
    public static void CollectStrings(JsonElement element, List<object> path, FieldKind kind, List<TextField> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                fields.Add(new TextField([.. path], element.GetString()!, kind));
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    path.Add(i++);
                    CollectStrings(item, path, kind, fields);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    path.Add(property.Name);
                    CollectStrings(property.Value, path, kind, fields);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Parses <paramref name="json"/>, replaces the strings at the given paths, and serialises the result.</summary>
    public static byte[] Rewrite(ReadOnlyMemory<byte> json, IEnumerable<(IReadOnlyList<object> Segments, string Value)> replacements)
    {
        var root = JsonNode.Parse(json.Span, documentOptions: Strict)!;
        foreach (var (segments, value) in replacements)
        {
            var parent = root;
            for (var k = 0; k < segments.Count - 1; k++)
            {
                parent = segments[k] is int index ? parent![index] : parent![(string)segments[k]];
            }

            switch (segments[^1])
            {
                case int last:
                    parent!.AsArray()[last] = value;
                    break;
                case string name:
                    parent!.AsObject()[name] = value;
                    break;
                default:
                    throw new InvalidOperationException("A JSON path segment is neither an index nor a name.");
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(root);
    }
}
