namespace SecureStack.Scanner;

/// <summary>How far a multi-skill scan is.</summary>
public sealed record ScanProgress(int Done, int Total, string LastSkill);
