namespace SecureStack.Quarantine.InstallPolicy;

/// <summary>A request the policy cannot evaluate; it is answered with <c>block</c>.</summary>
public sealed class InstallPolicyRequestException(string message) : Exception(message);
