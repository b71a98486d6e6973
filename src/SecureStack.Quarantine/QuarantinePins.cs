using SecureStack.Scanner.Pinning;

namespace SecureStack.Quarantine;

/// <summary>
/// The quarantine database's pins, as the scanner sees them (<c>securestack scan --pin</c>). The manager
/// is resolved on first use because the manager itself is built over the scanner that reads these pins.
/// </summary>
public sealed class QuarantinePins(Func<QuarantineManager> manager) : IPinStore
{
    public (string Checksum, DateTimeOffset PinnedAt)? Find(string skillName) =>
        manager().GetPin(skillName) is { } pin ? (pin.Checksum, pin.PinnedAt) : null;

    public void Pin(string skillName, string checksum, string source) => manager().Pin(skillName, checksum, source, Environment.UserName);
}
