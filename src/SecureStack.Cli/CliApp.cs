using System.CommandLine;
using SecureStack.Cli.Commands;

namespace SecureStack.Cli;

/// <summary>The <c>securestack</c> command tree and its shared exit-code conventions.</summary>
internal static class CliApp
{
    /// <summary>Exit code for a usage error or an I/O error (1 always means "the check found something").</summary>
    public const int UsageOrIoError = 2;

    public static RootCommand Build() => new("OpenClaw Secure Stack: the security wrapper around an OpenClaw gateway.\n"
        + "Exit codes: 0 success, 1 the check found a problem (tampering, findings, failed checks), 2 usage or I/O error.")
    {
        AuditCommand.Create(),
        EgressCommand.Create(),
        DoctorCommand.Create(),
        ProxyCommand.Create(),
        TokenCommand.Create(),
        SanitizeCommand.Create(),
        ScanCommand.Create(),
        EvalCommand.Create(),
        QuarantineCommand.Create(),
        WatchCommand.Create(),
        InstallPolicyCommand.Create(),
    };

    public static Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0 && !parsed.Tokens.Any(t => t.Value is "--help" or "-h" or "-?"))
        {
            var error = configuration?.Error ?? Console.Error;
            foreach (var e in parsed.Errors)
            {
                error.WriteLine(e.Message);
            }

            error.WriteLine("Run with --help for usage.");
            return Task.FromResult(UsageOrIoError);
        }

        if (parsed.CommandResult.Command.Name is "proxy" or "watch")
        {
            // System.CommandLine ends the process 2 s after SIGTERM by default, which would cut a drain short (the
            // proxy's requests, an egress proxy's tunnels, a quarantine move in progress).
            configuration ??= new InvocationConfiguration();
            configuration.ProcessTerminationTimeout = Proxy.ProxyHost.DrainTimeout + TimeSpan.FromSeconds(5);
        }

        return parsed.InvokeAsync(configuration, cancellationToken);
    }
}
