using SecureStack.Proxy.WebSockets;
using SecureStack.Proxy.Prompts;

namespace SecureStack.Proxy.Tests.WebSockets;

/// <summary>
/// The proxy's WebSocket method table against the pinned OpenClaw gateway's own policy table, read from the
/// installed package with Node: every gateway method is classified, with the scope the gateway gives it, so an
/// OpenClaw upgrade that adds or re-scopes a method fails here instead of silently widening what clients can do.
/// </summary>
public sealed class GatewayMethodTableTests
{
    private static async Task<Dictionary<string, string>> GatewayTableAsync()
    {
        OpenClawInstall.EnsureInstalled();
        var script = Path.Combine(AppContext.BaseDirectory, "WebSockets", "list-gateway-methods.mjs");
        var dist = Path.Combine(OpenClawInstall.Directory, "node_modules", "openclaw", "dist");
        var (exit, output, error) = await ProcessRunner.RunAsync(OpenClawInstall.Node, [script, dist], TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    [Fact]
    public async Task EveryMethodOfThePinnedGateway_IsClassifiedWithItsScope()
    {
        var gateway = await GatewayTableAsync();
        Assert.True(gateway.Count > 400, $"only {gateway.Count} methods read from the gateway: the extraction script no longer matches its bundle");
        var unclassified = gateway.Keys.Where(m => !GatewayMethods.Scopes.ContainsKey(m)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unclassified.Count == 0, "not in src/SecureStack.Proxy/WebSockets/gateway-methods.tsv (regenerate it and classify them): " + string.Join(", ", unclassified));
        var rescoped = gateway.Where(p => GatewayMethods.Scopes[p.Key] != p.Value).Select(p => $"{p.Key}: {GatewayMethods.Scopes[p.Key]} -> {p.Value}").ToList();
        Assert.True(rescoped.Count == 0, "scope changed in the gateway: " + string.Join(", ", rescoped));
        var gone = GatewayMethods.Scopes.Keys.Where(m => !gateway.ContainsKey(m) && !GatewayMethods.PluginMethods.Contains(m)).ToList();
        Assert.True(gone.Count == 0, "no longer in the gateway: " + string.Join(", ", gone));
    }

    [Fact]
    public void EveryDynamicMethod_IsFollowedByTheProxy()
    {
        var dynamic = GatewayMethods.Scopes.Where(p => p.Value == GatewayMethods.Dynamic).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        Assert.True(dynamic.SetEquals(DynamicMethodScopes.Known),
            "dynamic methods differ: gateway has " + string.Join(", ", dynamic.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void EveryInspectedMethod_ExistsInTheGateway() =>
        Assert.DoesNotContain(FrameInspectorOptions.DefaultPromptMethods, m => !GatewayMethods.Scopes.ContainsKey(m));

    [Fact]
    public void WritesOfStandingInstructionsAndSteering_AreInspected()
    {
        foreach (var method in (string[])["sessions.steer", "talk.session.steer", "openclaw.chat", "cron.add", "cron.update", "agents.files.set", "sessions.files.set"])
        {
            Assert.Contains(method, FrameInspectorOptions.DefaultPromptMethods);
        }
    }
}
