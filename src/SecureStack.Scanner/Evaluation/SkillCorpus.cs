using System.Formats.Tar;
using System.IO.Compression;

namespace SecureStack.Scanner.Evaluation;

/// <summary>
/// The real-skill corpus (data/skills/README.md): tar.gz archives of skill folders under <c>clawhub/AUTHOR/SKILL</c>,
/// <c>anthropic/SKILL</c> and (held-out-2) <c>github/OWNER+REPO/SKILL</c>. It holds live malware, so it is only unpacked into a scratch folder, as plain
/// non-executable files, and never run.
/// </summary>
public static class SkillCorpus
{
    private const long MaxEntryBytes = 4L * 1024 * 1024;

    /// <summary>Unpacks <paramref name="archive"/> into <paramref name="destination"/> (regular files only, mode 0644).</summary>
    public static void Extract(string archive, string destination)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination));
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null || entry.Length > MaxEntryBytes)
            {
                continue;
            }
            var target = Path.GetFullPath(Path.Combine(root, entry.Name));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{archive}: entry \"{entry.Name}\" points outside the extraction folder");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var output = new FileStream(target, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            });
            entry.DataStream.CopyTo(output);
        }
    }

    /// <summary>
    /// The skills of an unpacked corpus as (id, folder): <c>clawhub/AUTHOR/SKILL</c>, <c>github/OWNER+REPO/SKILL</c>
    /// (held-out-2) and <c>anthropic/SKILL</c>.
    /// </summary>
    public static IReadOnlyList<(string Id, string Path)> Enumerate(string root)
    {
        var skills = new List<(string, string)>();
        foreach (var source in new[] { "clawhub", "github" })
        {
            var folder = Path.Combine(root, source);
            if (!Directory.Exists(folder))
            {
                continue;
            }
            foreach (var owner in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            {
                skills.AddRange(Directory.GetDirectories(owner).Order(StringComparer.Ordinal)
                    .Select(s => ($"{source}/{Path.GetFileName(owner)}/{Path.GetFileName(s)}", s)));
            }
        }
        var anthropic = Path.Combine(root, "anthropic");
        if (Directory.Exists(anthropic))
        {
            skills.AddRange(Directory.GetDirectories(anthropic).Order(StringComparer.Ordinal).Select(s => ($"anthropic/{Path.GetFileName(s)}", s)));
        }
        return skills;
    }

    /// <summary>OpenClaw's bundled skills as (id, folder), ids <c>bundled/SKILL</c>.</summary>
    public static IReadOnlyList<(string Id, string Path)> Bundled(string folder) =>
        [.. Skills.SkillTarget.Expand(folder).Select(s => ($"bundled/{Path.GetFileName(s)}", s))];
}
