namespace SecureStack.Proxy.Configuration;

/// <summary>One accepted client token: its name (the identity sent to OpenClaw) and the SHA-256 of its value.</summary>
public sealed record ApiToken(string Name, byte[] Sha256);
