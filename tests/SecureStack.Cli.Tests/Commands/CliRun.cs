using System.CommandLine;

namespace SecureStack.Cli.Tests.Commands;

/// <summary>Runs the real command tree in-process and captures what it prints.</summary>
internal static class CliRun
{
    public static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.RunAsync(args, new InvocationConfiguration { Output = output, Error = error }).GetAwaiter().GetResult();
        return (exit, output.ToString(), error.ToString());
    }
}
