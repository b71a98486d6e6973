namespace SecureStack.Scanner.Pinning;

/// <summary>
/// Where skills are pinned to a checksum. The quarantine database implements it, so the scanner,
/// the watcher and the install-policy hook share one set of pins.
/// </summary>
public interface IPinStore
{
    /// <summary>The checksum <paramref name="skillName"/> is pinned to, and when; null when it is not pinned.</summary>
    (string Checksum, DateTimeOffset PinnedAt)? Find(string skillName);

    void Pin(string skillName, string checksum, string source);
}
