namespace SecureStack.Quarantine;

/// <summary>The quarantine settings are unusable; the message names the setting.</summary>
public sealed class QuarantineConfigurationException(string message) : Exception(message);
