using System.Text;
using System.Text.Json.Nodes;

namespace SecureStack.Testing;

/// <summary>The skills OpenClaw offered the model: the names in the last <c>&lt;available_skills&gt;</c> block of a chat request.</summary>
public static class AvailableSkills
{
    public static HashSet<string> Names(string chatRequestBody)
    {
        var text = new StringBuilder();
        foreach (var message in JsonNode.Parse(chatRequestBody)!["messages"]!.AsArray())
        {
            switch (message!["content"])
            {
                case JsonValue value:
                    text.Append(value.GetValue<string>());
                    break;
                case JsonArray parts:
                    foreach (var part in parts)
                    {
                        text.Append((string?)part?["text"]);
                    }

                    break;
            }
        }

        var all = text.ToString();
        var start = all.LastIndexOf("<available_skills>", StringComparison.Ordinal);
        var end = all.IndexOf("</available_skills>", start, StringComparison.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in all[start..end].Split("<name>").Skip(1))
        {
            var close = part.IndexOf("</name>", StringComparison.Ordinal);
            if (close > 0)
            {
                names.Add(part[..close]);
            }
        }

        return names;
    }
}
