using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Relay;
using SecureStack.Proxy.Sanitizing;
using SecureStack.Proxy.Prompts;

namespace SecureStack.Proxy.Tests.Relay;

/// <summary>RELAY_* settings: parsed into the allowlist, and every bad value named in the error.</summary>
public sealed class RelayEnvironmentTests
{
    private const string Key = "relay-key-0123456789abcdef";

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void NoProviders_MeansNoRelay() => Assert.Null(RelayEnvironment.Read(Env(("RELAY_KEY", Key))));

    [Fact]
    public void Providers_KeysAndModes_AreRead()
    {
        var settings = RelayEnvironment.Read(Env(
            ("RELAY_PROVIDERS", "openai=https://api.openai.com/v1, local-llm=http://10.0.0.5:11434/v1"),
            ("RELAY_KEY", Key),
            ("RELAY_API_KEY_OPENAI", "sk-real"),
            ("RELAY_TOOL_RESULTS", "strip"),
            ("RELAY_SECRETS", "reject")))!;
        Assert.Equal(["openai", "local-llm"], settings.Providers.Select(p => p.Id));
        Assert.Equal("sk-real", settings.Find("openai")!.ApiKey);
        Assert.Null(settings.Find("local-llm")!.ApiKey);
        var inspection = PromptSettings.Read(Env(("RELAY_TOOL_RESULTS", "strip"), ("RELAY_SECRETS", "reject"))).Relay;
        Assert.Equal(ToolResultMode.Strip, inspection.ToolResults);
        Assert.Equal(SecretMode.Reject, inspection.Secrets);
        Assert.DoesNotContain("sk-real", settings.Find("openai")!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai=https://api.openai.com/v1", null, "RELAY_KEY")]
    [InlineData("openai=https://api.openai.com/v1", "short", "RELAY_KEY")]
    [InlineData("openai", Key, "RELAY_PROVIDERS")]
    [InlineData("OpenAI=https://api.openai.com/v1", Key, "RELAY_PROVIDERS")]
    [InlineData("a=ftp://x/v1", Key, "RELAY_PROVIDERS")]
    [InlineData("a=https://x/v1,a=https://y/v1", Key, "RELAY_PROVIDERS")]
    public void BadSettings_AreNamed(string providers, string? key, string setting)
    {
        var error = Assert.Throws<ProxyConfigurationException>(() => RelayEnvironment.Read(Env(("RELAY_PROVIDERS", providers), ("RELAY_KEY", key!))));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RELAY_TOOL_RESULTS", "reject")]
    [InlineData("RELAY_SECRETS", "ignore")]
    [InlineData("RELAY_INSPECT_FULL_HISTORY", "yes")]
    public void BadModes_AreNamed(string name, string value)
    {
        var error = Assert.Throws<ProxyConfigurationException>(() => PromptSettings.Read(Env(
            ("RELAY_PROVIDERS", "openai=https://api.openai.com/v1"), ("RELAY_KEY", Key), (name, value))));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProxyEnvironment_PointsTheSanitizerAtTheConfigDirectory()
    {
        var options = ProxyEnvironment.Read(Env(
            ("API_TOKEN", "client-token-0123456789"), ("UPSTREAM_URL", "http://127.0.0.1:18789"), ("AUDIT_LOG_PATH", "/tmp/x"),
            ("SECURESTACK_CONFIG_DIR", "/etc/securestack")));
        Assert.Equal("/etc/securestack/prompt-rules.json", options.Prompts?.RulesPath);
        Assert.Null(options.Relay);
    }
}
