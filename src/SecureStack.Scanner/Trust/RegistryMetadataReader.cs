using System.Globalization;
using System.Text.Json;

namespace SecureStack.Scanner.Trust;

/// <summary>
/// Reads registry metadata: ClawHub's <c>_meta.json</c> / <c>origin.json</c> in the skill folder, or a file given
/// on the command line. Field names vary between sources, so a few spellings are accepted for each input.
/// </summary>
internal static class RegistryMetadataReader
{
    private static readonly string[] FileNames = ["_meta.json", "origin.json", ".clawhub/origin.json"];

    /// <summary>The file given with <c>--metadata</c>, read once when the scanner is created.</summary>
    /// <exception cref="ScannerConfigurationException">The file is missing, unreadable, not JSON or not a JSON object; the message names it.</exception>
    public static RegistryMetadata Load(string path) =>
        Read(path) ?? throw new ScannerConfigurationException($"{path}: registry metadata is not a JSON object");

    /// <summary>
    /// The skill's own <c>_meta.json</c> / <c>origin.json</c>, or null. The skill's author writes these, so one that
    /// is not valid JSON is skipped: it must not stop this scan or the other skills' in the same run.
    /// </summary>
    public static RegistryMetadata? ForSkill(string skillPath)
    {
        if (!Directory.Exists(skillPath))
        {
            return null;
        }
        foreach (var name in FileNames)
        {
            var candidate = Path.Combine(skillPath, name);
            if (!File.Exists(candidate))
            {
                continue;
            }
            try
            {
                if (Read(candidate) is { } metadata)
                {
                    return metadata;
                }
            }
            catch (ScannerConfigurationException)
            {
                // Unknown registry inputs leave the score to the findings, which is what deleting the file would do.
            }
        }
        return null;
    }

    private static RegistryMetadata? Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var stats = Object(root, "stats") ?? root;
            var owner = Object(root, "owner") ?? Object(root, "author") ?? root;
            int? reputation = Number(owner, "reputation", "authorReputation") is { } r ? (int)Math.Clamp(r, 0, 100) : null;
            if (reputation is null && Bool(owner, "verified", "publisherVerified") is { } verified)
            {
                reputation = verified ? 80 : 30;
            }
            // Negative counts are garbage, not inputs; the caps keep the casts in range.
            return new RegistryMetadata(
                reputation,
                Number(stats, "downloads", "installs", "installsAllTime") is { } d and >= 0 ? (long)Math.Min(d, 1e15) : null,
                Number(stats, "reviews", "reviewCount", "ratings") is { } c and >= 0 ? (int)Math.Min(c, int.MaxValue) : null,
                Number(stats, "rating", "stars", "averageRating") is { } s and >= 0 ? s : null,
                Date(root, "updatedAt", "updated_at", "lastUpdated", "publishedAt"));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ScannerConfigurationException($"{path}: registry metadata cannot be read ({e.Message})", e);
        }
    }

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static double? Number(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
            {
                return value.GetDouble();
            }
        }
        return null;
    }

    private static bool? Bool(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }
        }
        return null;
    }

    private static DateTimeOffset? Date(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                continue;
            }
            if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                return date;
            }
            // ClawHub stores epoch milliseconds; a fraction or a value beyond year 9999 is no date.
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var milliseconds)
                && milliseconds >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            }
        }
        return null;
    }
}
