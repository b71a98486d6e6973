namespace SecureStack.Scanner.Network;

/// <summary>A URL found in text: its character index, host, port and any user-info part.</summary>
internal sealed record FoundUrl(int Index, string Text, string Host, int? Port, string? UserInfo);
