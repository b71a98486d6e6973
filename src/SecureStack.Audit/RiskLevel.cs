namespace SecureStack.Audit;

public enum RiskLevel
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
