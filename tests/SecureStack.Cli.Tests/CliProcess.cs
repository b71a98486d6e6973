using System.Diagnostics;

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
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunInAsync(CliInvocation invocation, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (invocation.WorkingDirectory is { } directory)
        {
            start.WorkingDirectory = directory;
        }

        start.ArgumentList.Add(Path.Combine(invocation.BinaryDirectory ?? AppContext.BaseDirectory, "securestack.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in invocation.Environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
