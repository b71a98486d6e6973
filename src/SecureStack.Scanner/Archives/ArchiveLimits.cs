namespace SecureStack.Scanner.Archives;

/// <summary>
/// Bounds on what one skill's archives may expand to. Reaching one is a finding (fail closed), never a silent pass:
/// a zip bomb or a deep nest costs a bounded amount of memory and time and still blocks the skill.
/// </summary>
internal sealed class ArchiveLimits
{
    /// <summary>Archives inside archives: zip &gt; zip &gt; tgz is depth 3 (a tar inside its gzip counts once).</summary>
    public const int MaxDepth = 3;

    /// <summary>Entries across every archive of the skill.</summary>
    public const int MaxEntries = 4096;

    /// <summary>Bytes all entries of the skill's archives expand to together.</summary>
    public const long MaxExpandedBytes = 64L * 1024 * 1024;

    private long _expanded;
    private int _entries;

    public long RemainingBytes => MaxExpandedBytes - _expanded;

    /// <summary>Counts one entry; false once the skill's entry budget is spent.</summary>
    public bool TakeEntry() => ++_entries <= MaxEntries;

    public void Spend(long bytes) => _expanded += bytes;
}
