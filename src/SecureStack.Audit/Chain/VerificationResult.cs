namespace SecureStack.Audit.Chain;

/// <summary>Outcome of checking one log: intact, or the first bad place and why.</summary>
public sealed record VerificationResult(bool Intact, long Records, int Files)
{
    /// <summary>File of the first problem (null when intact).</summary>
    public string? File { get; init; }

    /// <summary>1-based line of the first problem in <see cref="File"/>; 0 when the problem is the file as a whole.</summary>
    public int Line { get; init; }

    public string? Reason { get; init; }

    public string Location => Line > 0 ? $"{File}:{Line}" : File ?? "";

    /// <summary>What the records' hashes were checked with.</summary>
    public ChainAlgorithm Algorithm { get; init; }

    /// <summary>True when the first problem is a record whose own hash does not match (the algorithm may be the wrong one).</summary>
    internal bool HashMismatch { get; init; }
}
