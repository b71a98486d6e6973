using System.Text.Json;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary><c>package.json</c> lifecycle scripts run on install without anyone asking; their commands are scanned as shell.</summary>
internal static class PackageScriptRule
{
    public static readonly RuleDescriptor Descriptor = new(
        "SS-PACKAGE-LIFECYCLE", "Install-time script", Severity.Medium,
        "package.json declares a preinstall, install, postinstall or prepare script that runs automatically on npm install.");

    private static readonly string[] LifecycleScripts = ["preinstall", "install", "postinstall", "prepare", "prepublish"];

    /// <summary>Shell units for each lifecycle script, reporting each as a finding.</summary>
    public static IEnumerable<CodeUnit> Scripts(string file, string text, FindingSink sink)
    {
        var units = new List<CodeUnit>();
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("scripts", out var scripts) || scripts.ValueKind != JsonValueKind.Object)
            {
                return units;
            }
            foreach (var script in scripts.EnumerateObject())
            {
                if (LifecycleScripts.Contains(script.Name) && script.Value.ValueKind == JsonValueKind.String)
                {
                    var line = LineOf(text, "\"" + script.Name + "\"");
                    var command = script.Value.GetString() ?? string.Empty;
                    sink.Add(Descriptor, file, line, $"\"{script.Name}\": \"{command}\"", $"{script.Name} runs \"{Snippets.Trim(command)}\" on install");
                    units.Add(new CodeUnit(file, SourceLanguage.Bash, UnitOrigin.PackageScript, command, line));
                }
            }
        }
        catch (JsonException)
        {
            // Invalid package.json: npm will refuse it too; its text is still scanned as text.
        }
        return units;
    }

    private static int LineOf(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        return index < 0 ? 1 : text.AsSpan(0, index).Count('\n') + 1;
    }
}
