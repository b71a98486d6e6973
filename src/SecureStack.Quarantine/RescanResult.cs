using SecureStack.Quarantine.State;
using SecureStack.Scanner;

namespace SecureStack.Quarantine;

/// <summary>A rescan of a quarantined copy: the report, and whether the skill went back to its root.</summary>
public sealed record RescanResult(ScanReport Report, bool Released, SkillRecord Record);
