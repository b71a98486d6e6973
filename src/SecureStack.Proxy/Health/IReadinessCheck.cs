namespace SecureStack.Proxy.Health;

/// <summary>A component that can make the proxy not ready (/readyz 503) while it keeps serving health.</summary>
internal interface IReadinessCheck
{
    /// <summary>Why the proxy is not ready, or null when this component is fine.</summary>
    string? NotReadyReason { get; }
}
