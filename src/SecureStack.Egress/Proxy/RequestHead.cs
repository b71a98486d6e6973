namespace SecureStack.Egress.Proxy;

/// <summary>What <see cref="RequestHeadReader"/> read: the head text, or why there is none, plus bytes already read past it.</summary>
internal sealed record RequestHead(string? Text, bool TooLarge, ReadOnlyMemory<byte> Rest);
