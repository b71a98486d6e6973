namespace SecureStack.Audit.Chain;

/// <summary>A head file as read: the head it names, the algorithm it says the chain uses (null in old files) and its HMAC.</summary>
internal sealed record StoredHead(ChainHead Head, string? Algorithm, string? Mac);
