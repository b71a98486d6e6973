using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace SecureStack.Testing;

/// <summary>
/// The <c>securestack</c> CLI from its own build output (<see cref="RepositoryPaths.CliAssembly"/>) as a child
/// process with its own environment: one-shot commands, or a long-running one (<c>watch</c>) whose output lines
/// can be awaited. Stopped by its PID.
/// </summary>
public sealed class SecureStackCli : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private SecureStackCli(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.CompleteAdding();
                return;
            }

            _output.Enqueue(e.Data);
            _lines.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Dll => RepositoryPaths.CliAssembly;

    /// <summary>The repository's <c>config/</c> (scanner and prompt rules).</summary>
    public static string ConfigDirectory => Path.Combine(RepositoryPaths.Root, "config");

    /// <summary>The dotnet host running these tests, for scripts that must name it (OpenClaw's policy hook runs without PATH).</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Environment.ProcessPath!;

    /// <summary>
    /// Writes <c>directory/bin/securestack-install-policy</c> for OpenClaw's <c>security.installPolicy</c>: OpenClaw runs
    /// the command without a shell and with an empty environment, and wants a regular file with safe permissions, so
    /// a script sets <paramref name="environment"/> and execs the CLI; with <paramref name="requestLog"/> it also keeps
    /// every request OpenClaw sent.
    /// </summary>
    public static string WriteInstallPolicyScript(string directory, IReadOnlyDictionary<string, string> environment, string? requestLog = null)
    {
        var script = new StringBuilder("#!/bin/sh\n");
        foreach (var (key, value) in environment)
        {
            script.Append($"export {key}='{value}'\n");
        }

        script.Append(requestLog is null ? "" : $"tee -a '{requestLog}' | ");
        script.Append($"exec '{DotnetHost}' exec '{Dll}' install-policy \"$@\"\n");
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var bin = Directory.CreateDirectory(Path.Combine(directory, "bin"), OwnerOnly).FullName;
        var path = Path.Combine(bin, "securestack-install-policy");
        File.WriteAllText(path, script.ToString());
        File.SetUnixFileMode(path, OwnerOnly);
        return path;
    }

    /// <summary>What the process printed on stdout so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>What the process printed on stderr so far.</summary>
    public string Errors => string.Join('\n', _errors);

    public static SecureStackCli Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new SecureStackCli(Process.Start(info) ?? throw new InvalidOperationException("could not start securestack"));
    }

    /// <summary>Runs a command to completion (bounded) and returns its exit code, stdout and stderr.</summary>
    public static (int Exit, string Output, string Error) Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var cli = Start(environment, args);
        if (!cli._process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            throw new TimeoutException($"securestack {string.Join(' ', args)} did not finish:\n{cli.Output}\n{cli.Errors}");
        }

        // The parameterless wait also drains the redirected output.
        cli._process.WaitForExit();
        return (cli._process.ExitCode, cli.Output, cli.Errors);
    }

    /// <summary>Waits for the next stdout line matching <paramref name="match"/>.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            foreach (var line in _lines.GetConsumingEnumerable(cancel.Token))
            {
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with what the process said.
        }

        throw new TimeoutException($"no matching line from securestack; stdout:\n{Output}\nstderr:\n{Errors}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
