using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SecureStack.Testing;

/// <summary>The pinned <c>openclaw</c> CLI run against a gateway's home (its config, skills and install policy).</summary>
public static class OpenClawCli
{
    /// <summary>Runs <c>openclaw args...</c> with HOME set to <paramref name="home"/>, bounded; returns the exit code and stdout + stderr.</summary>
    public static (int Exit, string Output) Run(string home, params string[] args)
    {
        var info = new ProcessStartInfo(OpenClawInstall.Node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = home };
        info.ArgumentList.Add(OpenClawInstall.Entry);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = home;
        info.Environment["PATH"] = OpenClawInstall.NodeBinDirectory + ":" + Environment.GetEnvironmentVariable("PATH");
        info.Environment["OPENCLAW_DISABLE_BONJOUR"] = "1";
        foreach (var proxyVariable in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "OPENCLAW_PROXY_URL" })
        {
            info.Environment.Remove(proxyVariable);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start openclaw");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("openclaw " + string.Join(' ', args) + " did not finish");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The names <c>openclaw skills list --json</c> reports (the CLI may print log lines before the JSON).</summary>
    public static HashSet<string> SkillNames(string home)
    {
        var (exit, output) = Run(home, "skills", "list", "--json");
        if (exit != 0)
        {
            throw new InvalidOperationException($"openclaw skills list exited {exit}: {output}");
        }

        var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        return [.. JsonNode.Parse(json)!["skills"]!.AsArray().Select(s => (string)s!["name"]!)];
    }
}
