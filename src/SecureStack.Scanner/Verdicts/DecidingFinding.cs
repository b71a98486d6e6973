namespace SecureStack.Scanner.Verdicts;

/// <summary>A finding with the context it was judged in and the points it added to the verdict score.</summary>
public sealed record DecidingFinding(ScanFinding Finding, FindingContext Context, double Points, string Why);
