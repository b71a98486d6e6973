using SecureStack.Quarantine.State;
using SecureStack.Scanner;

namespace SecureStack.Quarantine;

/// <summary>What checking one skill folder in a root did.</summary>
public sealed record SkillCheckResult(string Path, SkillCheckOutcome Outcome, ScanReport? Report, SkillRecord? Record);
