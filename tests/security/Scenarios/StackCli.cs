using System.Collections.Concurrent;
using System.Diagnostics;

namespace SecureStack.Security.Tests.Scenarios;

/// <summary>
/// The <c>securestack</c> CLI from its own build output (as <see cref="Stack.ProxyProcess"/> runs it), as a child
/// process with its own environment: one-shot commands, or a long-running one (<c>watch</c>) whose output lines
/// can be awaited. Stopped by its PID.
/// </summary>
internal sealed class StackCli : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _all = new();

    private StackCli(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.CompleteAdding();
                return;
            }

            _all.Enqueue(e.Data);
            _lines.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _all.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string RepoRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "SecureStack.slnx")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("SecureStack.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ConfigDirectory => Path.Combine(RepoRoot, "config");

    /// <summary>The CLI as it ships, with its own deps.json (bin/&lt;Configuration&gt;/net10.0 of src/SecureStack.Cli).</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var path = Path.Combine(RepoRoot, "src", "SecureStack.Cli", "bin", configuration, "net10.0", "securestack.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException("the CLI is not built: " + path);
        }
    }

    /// <summary>The dotnet host running these tests, for scripts that must name it (OpenClaw's policy hook runs without PATH).</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Environment.ProcessPath!;

    /// <summary>Everything the process printed so far, stdout and stderr.</summary>
    public string Output => string.Join('\n', _all);

    public static StackCli Start(IReadOnlyDictionary<string, string> environment, params string[] args)
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

        return new StackCli(Process.Start(info) ?? throw new InvalidOperationException("could not start securestack"));
    }

    /// <summary>Runs a command to completion (bounded) and returns its exit code and output.</summary>
    public static (int Exit, string Output) Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var cli = Start(environment, args);
        if (!cli._process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            throw new TimeoutException("securestack " + string.Join(' ', args) + " did not finish:\n" + cli.Output);
        }

        // The parameterless wait also drains the redirected output.
        cli._process.WaitForExit();
        return (cli._process.ExitCode, cli.Output);
    }

    /// <summary>Waits for the next output line matching <paramref name="match"/>.</summary>
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

        throw new TimeoutException("no matching line from securestack; output:\n" + Output);
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
