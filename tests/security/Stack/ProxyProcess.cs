using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SecureStack.Security.Tests.Stack;

/// <summary>
/// <c>securestack proxy</c> as its own process, as it runs in production: configured only by environment,
/// stopped by its PID (SIGTERM for a graceful stop, SIGKILL when it does not exit).
/// </summary>
internal sealed partial class ProxyProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    private readonly Process _process;

    private ProxyProcess(Process process, int port, string outputPath)
    {
        _process = process;
        Port = port;
        OutputPath = outputPath;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>The proxy's stdout and stderr (its structured JSON log).</summary>
    public string OutputPath { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the proxy on a free loopback port with <paramref name="environment"/> (UPSTREAM_URL,
    /// AUDIT_LOG_PATH, API_TOKEN, ...) and waits until <c>/healthz</c> answers.
    /// </summary>
    public static async Task<ProxyProcess> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan? startTimeout = null)
    {
        var port = FreePort.Next();
        var outputPath = Path.Combine(Directory.CreateTempSubdirectory("securestack-proxy-").FullName, "proxy.log");

        // exec keeps the PID; output goes to a file, not a pipe that could fill and stall the proxy.
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec dotnet \"$0\" proxy >\"$1\" 2>&1", RepositoryPaths.CliAssembly, outputPath },
            UseShellExecute = false,
        };
        start.Environment["PROXY_LISTEN"] = $"http://127.0.0.1:{port}";
        start.Environment["SECURESTACK_CONFIG_DIR"] = Path.Combine(RepositoryPaths.Root, "config");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start securestack proxy");
        var proxy = new ProxyProcess(process, port, outputPath);
        try
        {
            await proxy.WaitHealthyAsync(startTimeout ?? TimeSpan.FromSeconds(30));
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    public string ReadOutput() => File.Exists(OutputPath) ? File.ReadAllText(OutputPath) : "";

    /// <summary>Sends SIGTERM and waits for the exit; returns false when the proxy did not exit in time.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        Terminate();
        return await WaitForExitAsync(timeout);
    }

    /// <summary>Sends SIGTERM without waiting: the proxy starts draining.</summary>
    public void Terminate() => _ = Kill(_process.Id, SigTerm);

    /// <summary>Waits for the exit; false when the proxy is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!await StopAsync(TimeSpan.FromSeconds(10)))
        {
            _ = Kill(_process.Id, SigKill);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"securestack proxy exited with {_process.ExitCode}:\n{ReadOutput()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Url, "/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"securestack proxy did not answer /healthz within {timeout}:\n{ReadOutput()}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
