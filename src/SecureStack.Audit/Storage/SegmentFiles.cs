using System.Globalization;

namespace SecureStack.Audit.Storage;

/// <summary>
/// Names of the active log and its rotated segments: <c>audit.jsonl</c> is active, rotated files are
/// <c>audit.000000000001.jsonl</c> (the first sequence number they hold), so name order is chain order.
/// </summary>
internal sealed class SegmentFiles(string activePath)
{
    public string ActivePath { get; } = System.IO.Path.GetFullPath(activePath);

    public string Directory => System.IO.Path.GetDirectoryName(ActivePath)!;

    public string LockPath => ActivePath + ".lock";

    private string Stem => System.IO.Path.GetFileNameWithoutExtension(ActivePath);

    private string Extension => System.IO.Path.GetExtension(ActivePath);

    public string SegmentPath(long firstSeq) =>
        System.IO.Path.Combine(Directory, $"{Stem}.{firstSeq.ToString("D12", CultureInfo.InvariantCulture)}{Extension}");

    /// <summary>Rotated segments, oldest first.</summary>
    public IReadOnlyList<string> Rotated()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var prefix = Stem + ".";
        return System.IO.Directory.EnumerateFiles(Directory, prefix + "*" + Extension)
            .Where(p => IsSegmentName(System.IO.Path.GetFileName(p), prefix))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Rotated segments then the active file, if it exists: the whole chain in order.</summary>
    public IReadOnlyList<string> All()
    {
        var all = Rotated().ToList();
        if (File.Exists(ActivePath))
        {
            all.Add(ActivePath);
        }

        return all;
    }

    private bool IsSegmentName(string name, string prefix)
    {
        var middle = name.AsSpan(prefix.Length, name.Length - prefix.Length - Extension.Length);
        return middle.Length == 12 && long.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
