using System.Diagnostics;

namespace SecureStack.Audit.Tests;

/// <summary>Starts the StressWriter child process (a real second process appending to the same log).</summary>
internal sealed class StressWriter : IDisposable
{
    private readonly Process _process;

    private StressWriter(Process process) => _process = process;

    public int ExitCode => _process.ExitCode;

    public static StressWriter Start(string logPath, string tag, int threads, int eventsPerThread)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SecureStack.Audit.StressWriter.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", dll, logPath, tag, threads.ToString(System.Globalization.CultureInfo.InvariantCulture), eventsPerThread.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        if (process.StandardOutput.ReadLine() != "ready")
        {
            process.Kill();
            throw new InvalidOperationException("stress writer did not start: " + process.StandardError.ReadToEnd());
        }

        return new StressWriter(process);
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>SIGKILL: no chance to finish a write or run a finaliser.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

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
