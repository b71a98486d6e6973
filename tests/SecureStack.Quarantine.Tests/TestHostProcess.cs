using System.Diagnostics;

namespace SecureStack.Quarantine.Tests;

/// <summary>Runs the TestHost child (a real second process sharing the database), and kills it by PID.</summary>
internal sealed class TestHostProcess : IDisposable
{
    private readonly Process _process;

    private TestHostProcess(Process process) => _process = process;

    public static TestHostProcess Start(QuarantineFixture f, string mode, params string[] rest)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SecureStack.Quarantine.TestHost.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", dll, mode, f.Options.DatabasePath, f.Options.QuarantineDirectory, f.AuditPath, string.Join(':', f.Options.SkillRoots) }.Concat(rest))
        {
            info.ArgumentList.Add(arg);
        }

        return new TestHostProcess(Process.Start(info)!);
    }

    /// <summary>Reads output lines until one equals <paramref name="line"/>; false at end of output.</summary>
    public bool WaitForLine(string line, TimeSpan timeout)
    {
        var reader = Task.Run(() =>
        {
            while (_process.StandardOutput.ReadLine() is { } l)
            {
                if (l == line)
                {
                    return true;
                }
            }

            return false;
        });
        return reader.Wait(timeout) && reader.Result;
    }

    public string Errors() => _process.WaitForExit(TimeSpan.FromSeconds(5)) ? _process.StandardError.ReadToEnd() : "(still running)";

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGKILL: the move stops exactly where it is.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
