using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace SecureStack.Cli.Tests.Deployment;

/// <summary>
/// A person's first hour in a real browser (issue #16): tests/browser/first-run.mjs drives Debian's chromium through
/// playwright-core (pinned in tests/browser/package-lock.json) against a running stack: sign in with API_TOKEN, the
/// Control UI connected, a chat answered by the fake provider, an injection refused, a reload, a sign-out. Its
/// screenshots land in TestResults/browser/&lt;run&gt;/ at the repository root.
/// </summary>
internal static partial class BrowserFirstRun
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    private static string BrowserDirectory => Path.Combine(RepoPaths.Root, "tests", "browser");

    public static string ArtifactsDirectory(string run) => Path.Combine(RepoPaths.Root, "TestResults", "browser", run);

    /// <summary>Runs every step; returns the marker the chat messages carried (the injection's is marker + "-INJ").</summary>
    public static async Task<string> RunAsync(string url, string apiToken, string run, ITestOutputHelper output)
    {
        Assert.True(Directory.Exists(Path.Combine(BrowserDirectory, "node_modules", "playwright-core")),
            "playwright-core is not installed: run scripts/install-test-deps.sh (npm ci in tests/browser)");
        Assert.True(File.Exists("/usr/bin/chromium"), "Debian's chromium is missing: run scripts/install-test-deps.sh (scripts/test-packages.txt)");
        var artifacts = ArtifactsDirectory(run);
        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(BrowserDirectory, "first-run.mjs"), url, artifacts },
            WorkingDirectory = BrowserDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["API_TOKEN"] = apiToken;
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var bound = new CancellationTokenSource(Bound))
        {
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                // Node and the chromium it started.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        var log = await stdout + await stderr;
        output.WriteLine($"browser run '{run}' ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s, screenshots in {artifacts}):\n{log}");
        Assert.True(process.ExitCode == 0, $"the browser run '{run}' failed (exit {process.ExitCode}; screenshots in {artifacts}):\n{log}");
        var passed = AllPassed().Match(log);
        Assert.True(passed.Success, log);
        return passed.Groups[1].Value;
    }

    [GeneratedRegex(@"all 6 steps passed \(marker (BROWSER-[a-z0-9]+)\)")]
    private static partial Regex AllPassed();
}
