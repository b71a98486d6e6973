using SecureStack.Testing;

namespace SecureStack.Cli.Tests;

/// <summary>Runs the built <c>securestack</c> as a real child process, with a bounded run time.</summary>
internal static class CliProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var (exitCode, standardOutput, standardError) = await RunSeparatelyAsync(environment, arguments);
        return (exitCode, standardOutput + standardError);
    }

    /// <summary>Like <see cref="RunAsync"/>, with standard output and standard error kept apart.</summary>
    public static Task<(int ExitCode, string StandardOutput, string StandardError)> RunSeparatelyAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunInAsync(new CliInvocation { Environment = environment?.ToDictionary(e => e.Key, e => (string?)e.Value) }, arguments);

    /// <summary>Runs the binary in <see cref="CliInvocation.BinaryDirectory"/> in <see cref="CliInvocation.WorkingDirectory"/>; a null variable is removed.</summary>
    public static Task<(int ExitCode, string StandardOutput, string StandardError)> RunInAsync(CliInvocation invocation, params string[] arguments) =>
        ProcessRunner.RunAsync(
            "dotnet",
            [Path.Combine(invocation.BinaryDirectory ?? AppContext.BaseDirectory, "securestack.dll"), .. arguments],
            TimeSpan.FromMinutes(2),
            new ProcessOptions { WorkingDirectory = invocation.WorkingDirectory, Environment = invocation.Environment });
}
