namespace SecureStack.Cli.Doctor;

/// <summary>How the stack runs: in Docker Compose, or natively on loopback (<c>install.sh --local</c>).</summary>
internal enum DeploymentMode
{
    Docker,
    Local,
}
