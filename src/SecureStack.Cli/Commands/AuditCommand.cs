using System.CommandLine;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack audit verify|tail|log</c>.</summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "Verify, read and append to the tamper-evident audit log.");
}
