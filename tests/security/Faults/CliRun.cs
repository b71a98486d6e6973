namespace SecureStack.Security.Tests.Faults;

/// <summary>One <c>securestack</c> command run as its own process, as an operator or OpenClaw's hook runs it.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, string? input, params string[] arguments)
    {
        var variables = new Dictionary<string, string?> { ["SECURESTACK_CONFIG_DIR"] = Path.Combine(RepositoryPaths.Root, "config") };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var (exitCode, output, error) = await ProcessRunner.RunAsync(
            "dotnet", [RepositoryPaths.CliAssembly, .. arguments], TimeSpan.FromSeconds(60), new ProcessOptions { Environment = variables, Input = input ?? "" });
        return new CliRun(exitCode, output, error);
    }

    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}
