using System.Diagnostics;

namespace SecureStack.Testing;

/// <summary>Runs a command with a time bound and returns its exit code and output; kills it by PID when the bound passes.</summary>
public static class ProcessRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan bound, ProcessOptions? options = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = options?.Input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (options?.WorkingDirectory is { } directory)
        {
            start.WorkingDirectory = directory;
        }

        foreach (var (name, value) in options?.Environment ?? new Dictionary<string, string?>())
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (options?.Input is { } input)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM first so a script's cleanup trap runs, then the whole tree by PID.
            Kill(process.Id, "TERM");
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
            }

            throw new TimeoutException($"{file} ran longer than {bound} and was stopped; output so far:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Every process below <paramref name="pid"/>, read from /proc before the parent is stopped.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var current))
        {
            var tasks = $"/proc/{current}/task";
            if (!System.IO.Directory.Exists(tasks))
            {
                continue;
            }

            foreach (var task in System.IO.Directory.EnumerateDirectories(tasks))
            {
                try
                {
                    foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var childPid = int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
                        found.Add(childPid);
                        queue.Enqueue(childPid);
                    }
                }
                catch (IOException)
                {
                    // The task ended while we looked.
                }
            }
        }

        return found;
    }

    private static void Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
