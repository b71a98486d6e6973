namespace SecureStack.Proxy.Configuration;

/// <summary>A proxy setting is missing or invalid; the message names it and says how to fix it.</summary>
public sealed class ProxyConfigurationException(string message) : Exception(message);
