using System.Collections.Concurrent;
using System.Diagnostics;

namespace SecureStack.Quarantine.Tests.Acceptance;

/// <summary>The real <c>securestack</c> CLI (built next to the tests) run as a child process with its own environment.</summary>
internal sealed class SecureStackCli : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _errors = new();

    private SecureStackCli(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.CompleteAdding();
            }
            else
            {
                _lines.Add(e.Data);
            }
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

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "securestack.dll");

    /// <summary>The repository's <c>config/</c> (scanner rules), found above the test binaries.</summary>
    public static string ConfigDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SecureStack.slnx")))
                {
                    return Path.Combine(dir.FullName, "config");
                }
            }

            throw new InvalidOperationException("no SecureStack.slnx above the test binaries");
        }
    }

    public string Errors => string.Join('\n', _errors);

    public static SecureStackCli Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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

        return new SecureStackCli(Process.Start(info)!);
    }

    /// <summary>Runs to completion (bounded) and returns the exit code and output.</summary>
    public static (int Exit, string Output, string Error) Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var cli = Start(environment, args);
        if (!cli._process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            throw new TimeoutException("securestack " + string.Join(' ', args) + " did not finish");
        }

        cli._process.WaitForExit();
        return (cli._process.ExitCode, string.Join('\n', cli._lines), cli.Errors);
    }

    /// <summary>Waits for an output line matching <paramref name="match"/>.</summary>
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

        throw new TimeoutException("no matching line from securestack; stderr:\n" + Errors);
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
