namespace SecureStack.Egress.Tests.Cli;

/// <summary>The real <c>securestack egress</c> commands, run as a process the way an operator runs them.</summary>
public sealed class EgressCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("egress-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Check_ValidFile_ExitsZeroAndListsEntries()
    {
        var file = Write("allow.conf", "# LLMs\napi.openai.com\n*.example.org:8443\n");

        var (exitCode, output, error) = await RunAsync("egress", "check", file);

        Assert.Equal(0, exitCode);
        Assert.Contains($"{file}:2: allows api.openai.com on port 443", output, StringComparison.Ordinal);
        Assert.Contains($"{file}:3: allows subdomains of example.org on port 8443", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Check_BadLines_ExitsOneWithFileAndLine()
    {
        var file = Write("allow.conf", "api.openai.com\n*.com\n10.0.0.0/8\n");

        var (exitCode, output, error) = await RunAsync("egress", "check", file);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{file}:2: \"*.com\" is too broad; list the API hosts you need", error, StringComparison.Ordinal);
        Assert.Contains($"{file}:3: \"10.0.0.0/8\" is an IP range", error, StringComparison.Ordinal);
        Assert.Contains("1 entries, 2 problems", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_ExitsTwo()
    {
        var (exitCode, _, error) = await RunAsync("egress", "check", Path.Combine(_directory, "nope.conf"));

        Assert.Equal(2, exitCode);
        Assert.Contains("nope.conf: the egress allowlist cannot be read", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WritesBothFiles()
    {
        var file = Write("allow.conf", "api.anthropic.com\n*\n");
        var outDir = Path.Combine(_directory, "out");

        var (exitCode, _, error) = await RunAsync("egress", "render", "--allowlist", file, "--upstream-dns", "192.0.2.53", "--out", outDir);

        Assert.Equal(0, exitCode);
        Assert.Contains($"{file}:2: \"*\" allows every host", error, StringComparison.Ordinal);
        Assert.Contains("server=/api.anthropic.com/192.0.2.53", await File.ReadAllTextAsync(Path.Combine(outDir, "dnsmasq.conf")), StringComparison.Ordinal);
        Assert.Contains("ip daddr @allow4_443 tcp dport 443", await File.ReadAllTextAsync(Path.Combine(outDir, "egress.nft")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--upstream-dns", "not-an-ip", "--upstream-dns: \"not-an-ip\" is not an IP address")]
    [InlineData("--treat-as-public", "10.0.0.0/8", "--treat-as-public: 10.0.0.0/8 is Private space")]
    public async Task Render_BadOption_ExitsTwoNamingIt(string option, string value, string message)
    {
        var file = Write("allow.conf", "api.anthropic.com\n");
        var args = new List<string> { "egress", "render", "--allowlist", file, "--out", _directory, option, value };
        if (option != "--upstream-dns")
        {
            args.AddRange(["--upstream-dns", "192.0.2.53"]);
        }

        var (exitCode, _, error) = await RunAsync([.. args]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--listen", "nonsense", "--listen: \"nonsense\" is not ADDR:PORT")]
    [InlineData("--treat-as-public", "127.0.0.0/8", "--treat-as-public: 127.0.0.0/8 is Loopback space")]
    [InlineData("--max-tunnels", "0", "--max-tunnels must be at least 1")]
    [InlineData("--metrics-listen", "nonsense", "--metrics-listen: \"nonsense\" is not http://IP:port")]
    [InlineData("--metrics-listen", "https://127.0.0.1:9464", "--metrics-listen: \"https://127.0.0.1:9464\" is not http://IP:port")]
    public async Task Proxy_BadOption_ExitsTwoBeforeListening(string option, string value, string message)
    {
        var file = Write("allow.conf", "api.anthropic.com\n");
        var args = new List<string> { "egress", "proxy", "--allowlist", file, "--audit-log", Path.Combine(_directory, "audit.jsonl") };
        if (option != "--listen")
        {
            args.AddRange(["--listen", "127.0.0.1:1"]);
        }

        args.AddRange([option, value]);

        var (exitCode, _, error) = await RunAsync([.. args]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [RepoPaths.CliDll, .. args], TimeSpan.FromSeconds(60));
}
