namespace SecureStack.Audit.Chain;

/// <summary>How a verification checked the records' own hashes.</summary>
public enum ChainAlgorithm
{
    /// <summary>Plain SHA-256 (no key): shows accidental or naive edits only.</summary>
    Sha256,

    /// <summary>HMAC-SHA256 with the writer's key: edits need the key.</summary>
    HmacSha256,

    /// <summary>An HMAC-SHA256 chain read without its key: sequence, links and head position only, not the contents.</summary>
    HmacSha256WithoutKey,
}
