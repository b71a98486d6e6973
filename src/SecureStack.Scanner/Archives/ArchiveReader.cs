using System.Formats.Tar;
using System.IO.Compression;

namespace SecureStack.Scanner.Archives;

/// <summary>
/// Reads zip, gzip, tar and .tgz/.tar.gz archives in memory, entry by entry, under <see cref="ArchiveLimits"/>.
/// Sizes in headers are not trusted: every stream is copied with a hard cap.
/// </summary>
internal static class ArchiveReader
{
    /// <summary>The archive format the bytes start with, or null.</summary>
    public static string? Format(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6)))
        {
            return "zip";
        }
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            return "gzip";
        }
        return bytes.Length >= 262 && bytes.Slice(257, 5).SequenceEqual("ustar"u8) ? "tar" : null;
    }

    /// <summary>
    /// The entries of an archive one level down (nested archives come back as entries for the caller to open), and
    /// what stopped the reading early when a bound was reached or the archive is damaged.
    /// </summary>
    public static (List<ArchiveEntry> Entries, string? Problem) Read(string path, byte[] bytes, int depth, ArchiveLimits limits, long maxEntryBytes)
    {
        var entries = new List<ArchiveEntry>();
        if (depth > ArchiveLimits.MaxDepth)
        {
            return (entries, $"archives nested more than {ArchiveLimits.MaxDepth} deep; the innermost was not opened");
        }
        try
        {
            switch (Format(bytes))
            {
                case "zip":
                    ReadZip(path, bytes, depth, limits, maxEntryBytes, entries);
                    break;
                case "gzip":
                    ReadGzip(path, bytes, depth, limits, maxEntryBytes, entries);
                    break;
                case "tar":
                    ReadTar(path, bytes, depth, limits, maxEntryBytes, entries);
                    break;
                default:
                    break;
            }
            return (entries, null);
        }
        catch (ArchiveLimitException e)
        {
            return (entries, e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or NotSupportedException or ArgumentException)
        {
            return (entries, $"cannot be read as an archive ({e.Message})");
        }
    }

    private static void ReadZip(string path, byte[] bytes, int depth, ArchiveLimits limits, long maxEntryBytes, List<ArchiveEntry> entries)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }
            Take(limits, path);
            // Unix mode 0120000 in the external attributes marks a symlink: its content is the target.
            var isLink = ((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000;
            using var stream = entry.Open();
            var content = Copy(stream, path + "!/" + entry.FullName, limits, maxEntryBytes);
            entries.Add(isLink
                ? new ArchiveEntry(Join(path, entry.FullName), [], depth, System.Text.Encoding.UTF8.GetString(content))
                : new ArchiveEntry(Join(path, entry.FullName), content, depth));
        }
    }

    private static void ReadGzip(string path, byte[] bytes, int depth, ArchiveLimits limits, long maxEntryBytes, List<ArchiveEntry> entries)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
        var content = Copy(gzip, path, limits, maxEntryBytes);
        // A .tgz is one archive: its tar is read at the same depth.
        if (Format(content) == "tar")
        {
            ReadTar(path, content, depth, limits, maxEntryBytes, entries);
            return;
        }
        Take(limits, path);
        var name = Path.GetFileName(path);
        var inner = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name + ".out";
        entries.Add(new ArchiveEntry(Join(path, inner), content, depth));
    }

    private static void ReadTar(string path, byte[] bytes, int depth, ArchiveLimits limits, long maxEntryBytes, List<ArchiveEntry> entries)
    {
        using var reader = new TarReader(new MemoryStream(bytes, writable: false));
        while (reader.GetNextEntry() is { } entry)
        {
            switch (entry.EntryType)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Take(limits, path);
                    var content = entry.DataStream is null ? [] : Copy(entry.DataStream, path + "!/" + entry.Name, limits, maxEntryBytes);
                    entries.Add(new ArchiveEntry(Join(path, entry.Name), content, depth));
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    Take(limits, path);
                    entries.Add(new ArchiveEntry(Join(path, entry.Name), [], depth, entry.LinkName));
                    break;
                default:
                    break;
            }
        }
    }

    private static void Take(ArchiveLimits limits, string path)
    {
        if (!limits.TakeEntry())
        {
            throw new ArchiveLimitException($"more than {ArchiveLimits.MaxEntries} archive entries in the skill; {path} and the rest were not scanned");
        }
    }

    private static byte[] Copy(Stream stream, string path, ArchiveLimits limits, long maxEntryBytes)
    {
        var cap = Math.Min(maxEntryBytes, limits.RemainingBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                throw new ArchiveLimitException(cap == maxEntryBytes
                    ? $"{path} expands past {maxEntryBytes / 1024 / 1024} MB; not scanned"
                    : $"the skill's archives expand past {ArchiveLimits.MaxExpandedBytes / 1024 / 1024} MB at {path} (a zip bomb?); the rest was not scanned");
            }
            buffer.Write(chunk, 0, read);
        }
        limits.Spend(buffer.Length);
        return buffer.ToArray();
    }

    private static string Join(string archive, string entry) => archive + "!/" + entry.TrimStart('/');
}
