namespace SecureStack.Egress.Tests;

/// <summary>Runs one of the netns/ scripts and reads its "CHECK name pass|fail detail" lines.</summary>
internal static class CheckScript
{
    public static async Task<(IReadOnlyList<string> Lines, IReadOnlyDictionary<string, string> Checks, string Context)> RunAsync(string script, TimeSpan bound, params string[] arguments)
    {
        var (exitCode, output, error) = await ProcessRunner.RunAsync("bash", [Path.Combine(RepoPaths.NetnsDirectory, script), .. arguments], bound);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var context = $"{script} exited {exitCode}; output:\n{output}\n{error}";
        Assert.True(exitCode == 0 && lines.Contains("DONE"), context);
        var checks = lines.Where(l => l.StartsWith("CHECK ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 4))
            .ToDictionary(p => p[1], p => p[2]);
        return (lines, checks, context);
    }

    /// <summary>Each expected check passed, none is missing, and no other check failed.</summary>
    public static void AssertAllPassed(IReadOnlyDictionary<string, string> checks, IEnumerable<string> expected, string context)
    {
        Assert.All(expected, name => Assert.True(checks.GetValueOrDefault(name) == "pass", $"check {name}: {checks.GetValueOrDefault(name) ?? "missing"}\n{context}"));
        Assert.DoesNotContain(checks, c => c.Value != "pass");
    }
}
