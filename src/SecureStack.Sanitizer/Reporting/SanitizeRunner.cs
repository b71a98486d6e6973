using System.Text.Json;
using System.Text.Json.Nodes;
using SecureStack.Sanitizer.Auditing;

namespace SecureStack.Sanitizer.Reporting;

/// <summary>
/// What <c>securestack sanitize</c> does: checks one text, or one JSON object <c>{"text": ...}</c> per line,
/// and writes the seed's result fields (<c>clean</c>, <c>injection_detected</c>, <c>patterns</c>) plus the action, the
/// classifier's score, what decided, and the findings as one JSON line per input.
/// </summary>
public static class SanitizeRunner
{
    public const int ExitClean = 0;
    public const int ExitDetected = 1;
    public const int ExitBadInput = 2;
    public const int ExitBadRules = 3;

    private static readonly JsonSerializerOptions LineOptions = new() { WriteIndented = false };

    /// <summary>Checks the whole of <paramref name="input"/> as one text.</summary>
    public static int RunText(PromptAnalyzer analyzer, TextReader input, TextWriter output)
    {
        var result = analyzer.Analyze(input.ReadToEnd());
        output.WriteLine(ToJson(result).ToJsonString(LineOptions));
        return result.InjectionDetected ? ExitDetected : ExitClean;
    }

    /// <summary>Checks one <c>{"text": ...}</c> object per line; a bad line gets an error line and exit code 2.</summary>
    public static int RunJsonLines(PromptAnalyzer analyzer, TextReader input, TextWriter output)
    {
        var exit = ExitClean;
        var number = 0;
        while (input.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!TryReadText(line, out var text, out var error))
            {
                output.WriteLine(new JsonObject { ["line"] = number, ["error"] = error }.ToJsonString(LineOptions));
                exit = ExitBadInput;
                continue;
            }

            var result = analyzer.Analyze(text);
            output.WriteLine(ToJson(result).ToJsonString(LineOptions));
            if (result.InjectionDetected && exit == ExitClean)
            {
                exit = ExitDetected;
            }
        }

        return exit;
    }

    public static JsonObject ToJson(SanitizeResult result) => new()
    {
        ["clean"] = result.Clean,
        ["injection_detected"] = result.InjectionDetected,
        ["patterns"] = new JsonArray([.. result.Patterns.Select(p => (JsonNode?)p)]),
        ["action"] = InjectionAuditor.ActionName(result.Action),
        ["score"] = Math.Round(result.Score, 4),
        ["decided_by"] = result.DecidedBy,
        ["findings"] = new JsonArray([.. result.Findings.Select(f => (JsonNode?)new JsonObject
        {
            ["rule_id"] = f.RuleId,
            ["action"] = InjectionAuditor.ActionName(f.Action),
            ["start"] = f.Start,
            ["length"] = f.Length,
            ["source"] = f.Source,
            ["excerpt"] = f.Excerpt,
        })]),
        ["hidden"] = new JsonArray([.. result.Hidden.Select(h => (JsonNode?)new JsonObject { ["encoding"] = h.Encoding, ["text"] = h.Text })]),
        ["invisible_removed"] = result.InvisibleRemoved,
    };

    private static bool TryReadText(string line, out string text, out string error)
    {
        text = "";
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
            {
                text = value.GetString()!;
                error = "";
                return true;
            }

            error = "expected an object with a string \"text\"";
            return false;
        }
        catch (JsonException e)
        {
            error = $"not JSON: {e.Message}";
            return false;
        }
    }
}
