using System.CommandLine;
using SecureStack.Cli.Commands;

var root = new RootCommand("OpenClaw Secure Stack: the security wrapper around an OpenClaw gateway.")
{
    AuditCommand.Create(),
    SanitizeCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
