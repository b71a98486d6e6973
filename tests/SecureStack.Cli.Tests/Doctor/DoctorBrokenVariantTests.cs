using SecureStack.Cli.Doctor;

namespace SecureStack.Cli.Tests.Doctor;

/// <summary>
/// Each variant breaks the shipped deployment in one place; the doctor must fail exactly the checks
/// that concern it (and nothing else), exit non-zero and score below 100.
/// </summary>
public sealed class DoctorBrokenVariantTests
{
    private sealed record Variant(DeploymentMode Mode, Action<DeploymentFiles> Break, params string[] ExpectedFailures);

    private static Variant Compose(string from, string to, params string[] expected) =>
        new(DeploymentMode.Docker, f => f.Replace(f.Compose, from, to), expected);

    private static Variant DockerConfig(string from, string to, params string[] expected) =>
        new(DeploymentMode.Docker, f => f.Replace(f.OpenClawConfig, from, to), expected);

    private static Variant LocalConfig(string from, string to, params string[] expected) =>
        new(DeploymentMode.Local, f => f.Replace(f.OpenClawConfig, from, to), expected);

    private static Variant EnvLine(string name, string? value) => new(DeploymentMode.Docker, f =>
    {
        var lines = File.ReadAllLines(f.Env).Where(l => !l.StartsWith(name + "=", StringComparison.Ordinal));
        File.WriteAllLines(f.Env, value is null ? lines : lines.Append($"{name}={value}"));
    }, "env.secrets");

    private static Variant Allowlist(string? content) => new(DeploymentMode.Docker, f =>
    {
        if (content is null)
        {
            File.Delete(f.Allowlist);
        }
        else
        {
            File.WriteAllText(f.Allowlist, content);
        }
    }, "egress.allowlist");

    private static readonly Dictionary<string, Variant> Variants = new()
    {
        // FR-1, per service
        ["proxy runs as root"] = Compose("user: \"1654:1654\"\n    command: [\"proxy\"]", "user: \"0:0\"\n    command: [\"proxy\"]", "compose.non-root-user"),
        ["openclaw runs as root"] = Compose("user: \"1000:1000\"\n    command: [\"node\"", "user: \"0:0\"\n    command: [\"node\"", "compose.non-root-user"),
        ["read_only removed"] = Compose("  read_only: true\n", "", "compose.read-only"),
        ["cap_drop removed"] = Compose("  cap_drop: [ALL]\n", "", "compose.capabilities", "compose.non-root-user"),
        ["egress adds SYS_ADMIN"] = Compose("cap_add: [NET_ADMIN]", "cap_add: [NET_ADMIN, SYS_ADMIN]", "compose.capabilities", "compose.non-root-user"),
        ["no-new-privileges removed"] = Compose("  security_opt: [\"no-new-privileges:true\"]\n", "", "compose.no-new-privileges"),
        ["openclaw memory limit removed"] = Compose("    mem_limit: 2g\n", "", "compose.resource-limits"),
        ["openclaw pids limit removed"] = Compose("    pids_limit: 512\n", "", "compose.resource-limits"),
        ["proxy health check disabled"] = Compose(
            "      test: [\"CMD\", \"/app/securestack\", \"doctor\", \"probe\", \"https://127.0.0.1:8443/healthz\", \"--insecure\"]",
            "      disable: true", "compose.healthcheck"),
        ["openclaw image unpinned"] = Compose("ghcr.io/openclaw/openclaw:2026.9.6", "ghcr.io/openclaw/openclaw:latest", "compose.pinned-image"),
        ["docker socket mounted into openclaw"] = Compose("      - openclaw-state:/home/node/.openclaw\n",
            "      - openclaw-state:/home/node/.openclaw\n      - /var/run/docker.sock:/var/run/docker.sock\n", "compose.host-isolation", "compose.volumes"),
        ["watcher privileged"] = Compose("    command: [\"watch\"]\n", "    command: [\"watch\"]\n    privileged: true\n", "compose.host-isolation"),
        // FR-2
        ["openclaw publishes its port"] = Compose("    command: [\"node\", \"openclaw.mjs\", \"gateway\"]\n",
            "    command: [\"node\", \"openclaw.mjs\", \"gateway\"]\n    ports: [\"18789:18789\"]\n", "compose.published-ports"),
        ["proxy publishes a second port"] = Compose("      - \"${SECURESTACK_HTTPS_PORT:-443}:8443\"\n",
            "      - \"${SECURESTACK_HTTPS_PORT:-443}:8443\"\n      - \"8080:8080\"\n", "compose.published-ports"),
        ["internal network not internal"] = Compose("    internal: true\n", "    internal: false\n", "compose.network-isolation"),
        ["openclaw also on the frontend network"] = Compose("    networks:\n      - internal\n    # Names",
            "    networks:\n      - internal\n      - frontend\n    # Names", "compose.network-isolation"),
        ["openclaw HTTPS_PROXY removed"] = Compose("      HTTPS_PROXY: http://egress:3128\n      HTTP_PROXY: http://egress:3128\n",
            "      HTTP_PROXY: http://egress:3128\n", "compose.egress-routing"),
        ["openclaw dns removed"] = Compose("    dns: [172.30.0.2]\n", "", "compose.egress-routing"),
        ["audit volume mounted into openclaw"] = Compose("      - openclaw-state:/home/node/.openclaw\n",
            "      - openclaw-state:/home/node/.openclaw\n      - audit:/var/log/securestack:ro\n", "compose.volumes"),
        ["quarantine mounted into openclaw"] = Compose("      - openclaw-state:/home/node/.openclaw\n",
            "      - openclaw-state:/home/node/.openclaw\n      - quarantine:/quarantine\n", "compose.volumes"),
        ["quarantine volume mounted nowhere"] = new(DeploymentMode.Docker, f =>
        {
            f.Replace(f.Compose, "      - quarantine:/var/lib/securestack/quarantine\n", "");
            f.Replace(f.Compose, "      - quarantine:/var/lib/securestack/volume-templates/quarantine\n", "");
        }, "compose.volumes"),
        ["securestack binary writable by openclaw"] = Compose("securestack-bin:/opt/securestack/bin:ro", "securestack-bin:/opt/securestack/bin", "compose.volumes"),
        // FR-7
        ["env_file .env on openclaw"] = Compose("    command: [\"node\", \"openclaw.mjs\", \"gateway\"]\n",
            "    command: [\"node\", \"openclaw.mjs\", \"gateway\"]\n    env_file: [.env]\n", "compose.secrets"),
        ["API_TOKEN given to openclaw"] = Compose("      OPENCLAW_DISABLE_BONJOUR: \"1\"\n",
            "      OPENCLAW_DISABLE_BONJOUR: \"1\"\n      API_TOKEN: ${API_TOKEN}\n", "compose.secrets"),
        ["secret written into compose"] = Compose("API_TOKEN: ${API_TOKEN:?run ./install.sh to generate API_TOKEN in .env}",
            "API_TOKEN: hunter2-hunter2-hunter2-hunter2", "compose.secrets"),
        ["proxy address differs from trustedProxies"] = Compose("ipv4_address: 172.30.0.10", "ipv4_address: 172.30.0.11", "openclaw.trusted-proxies"),
        // .env
        [".env readable by others"] = new(DeploymentMode.Docker, f => File.SetUnixFileMode(f.Env,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead), "env.permissions"),
        ["API_TOKEN placeholder"] = EnvLine("API_TOKEN", "change-me"),
        ["API_TOKEN too short"] = EnvLine("API_TOKEN", "c2hvcnQtdG9rZW4="),
        ["AUDIT_HMAC_KEY missing"] = EnvLine("AUDIT_HMAC_KEY", null),
        ["OPENCLAW_HOOKS_TOKEN empty"] = EnvLine("OPENCLAW_HOOKS_TOKEN", ""),
        ["API_TOKENS with a clear-text token"] = EnvLine("API_TOKENS", "alice:not-a-sha256-hash"),
        // OpenClaw config (Docker)
        ["gateway bound to loopback in Docker"] = DockerConfig("\"bind\": \"lan\"", "\"bind\": \"loopback\"", "openclaw.bind"),
        ["token auth in Docker"] = DockerConfig("\"mode\": \"trusted-proxy\",", "\"mode\": \"token\", \"token\": \"${OPENCLAW_GATEWAY_TOKEN}\",",
            "openclaw.auth", "openclaw.bind", "openclaw.trusted-proxies"),
        ["trusted proxy allows loopback"] = DockerConfig("\"allowLoopback\": false", "\"allowLoopback\": true", "openclaw.auth"),
        ["trusted proxies is a whole subnet"] = DockerConfig("\"trustedProxies\": [\"172.30.0.10\"]", "\"trustedProxies\": [\"172.30.0.0/24\"]", "openclaw.trusted-proxies"),
        ["trusted proxies empty"] = DockerConfig("\"trustedProxies\": [\"172.30.0.10\"]", "\"trustedProxies\": []", "openclaw.trusted-proxies"),
        ["exec mode full"] = DockerConfig("\"exec\": { \"mode\": \"allowlist\" }", "\"exec\": { \"mode\": \"full\" }", "openclaw.exec", "openclaw.sandbox"),
        ["elevated tools on"] = DockerConfig("\"elevated\": { \"enabled\": false }", "\"elevated\": { \"enabled\": true }", "openclaw.exec"),
        ["operator terminal on"] = DockerConfig("\"terminal\": { \"enabled\": false }", "\"terminal\": { \"enabled\": true }", "openclaw.exec"),
        ["install policy disabled"] = DockerConfig("\"installPolicy\": {\n      \"enabled\": true", "\"installPolicy\": {\n      \"enabled\": false", "openclaw.install-policy"),
        ["install policy runs another command"] = DockerConfig("\"/opt/securestack/bin/securestack\"", "\"/usr/bin/true\"", "openclaw.install-policy"),
        ["install policy skips skills"] = DockerConfig("\"installPolicy\": {", "\"installPolicy\": {\n      \"targets\": [\"plugin\"],", "openclaw.install-policy"),
        ["exec re-allowed over HTTP"] = DockerConfig("\"terminal\": { \"enabled\": false }",
            "\"terminal\": { \"enabled\": false },\n    \"tools\": { \"allow\": [\"exec\"] }", "openclaw.http-endpoints"),
        ["control UI accepts any origin"] = DockerConfig("[\"${SECURESTACK_PUBLIC_ORIGIN}\"]", "[\"*\"]", "openclaw.control-ui-origins"),
        ["public origin in .env is plain HTTP"] = new(DeploymentMode.Docker,
            f => File.AppendAllText(f.Env, "SECURESTACK_PUBLIC_ORIGIN=http://stack.example.org\n"), "openclaw.control-ui-origins"),
        ["control UI Host-header fallback"] = DockerConfig("\"dangerouslyAllowHostHeaderOriginFallback\": false",
            "\"dangerouslyAllowHostHeaderOriginFallback\": true", "openclaw.control-ui-origins"),
        ["hooks on without a token"] = DockerConfig("\"hooks\": { \"enabled\": false }", "\"hooks\": { \"enabled\": true }", "openclaw.hooks-token"),
        ["hooks token written into config"] = DockerConfig("\"hooks\": { \"enabled\": false }",
            "\"hooks\": { \"enabled\": true, \"token\": \"a-literal-hooks-token-in-the-config-file\" }", "openclaw.hooks-token"),
        // OpenClaw config (local mode)
        ["local gateway bound to the LAN"] = LocalConfig("\"bind\": \"loopback\"", "\"bind\": \"lan\"", "openclaw.bind"),
        ["local gateway token written into config"] = LocalConfig("\"token\": \"${OPENCLAW_GATEWAY_TOKEN}\"", "\"token\": \"literal-token-in-the-config-file\"", "openclaw.auth"),
        ["local control UI over plain HTTP"] = LocalConfig("\"https://localhost:8443\"", "\"http://localhost:8443\"", "openclaw.control-ui-origins"),
        ["local install-policy binary missing"] = new(DeploymentMode.Local, f => File.Delete(f.PolicyBinary), "openclaw.install-policy"),
        // egress allowlist
        ["allowlist missing"] = Allowlist(null),
        ["allowlist allows everything"] = Allowlist("api.openai.com\n*\n"),
        ["allowlist wildcard over a TLD"] = Allowlist("*.com\n"),
        ["allowlist empty"] = Allowlist("# nothing yet\n\n"),
    };

    public static TheoryData<string> VariantNames => new(Variants.Keys);

    [Theory]
    [MemberData(nameof(VariantNames))]
    public void Doctor_CatchesBrokenVariant(string name)
    {
        var variant = Variants[name];
        using var files = new DeploymentFiles(variant.Mode);
        variant.Break(files);

        var report = DoctorRunner.Run(files.Options);

        Assert.Equal(variant.ExpectedFailures.Order(), report.Failures.Select(f => f.Id).Distinct().Order());
        Assert.True(report.Score < 100, $"score {report.Score}");
        Assert.All(report.Failures, f => Assert.False(string.IsNullOrWhiteSpace(f.Fix), $"{f.Id} has no fix"));
    }

    [Fact]
    public void Variants_CoverEveryCheckTheDoctorRuns()
    {
        using var files = new DeploymentFiles(DeploymentMode.Docker);
        // A check that only warns (env.model-key) never fails; CliFromAnywhereTests covers it.
        var ids = DoctorRunner.Run(files.Options).Results.Where(r => !r.Warning).Select(r => r.Id).ToHashSet();

        var covered = Variants.Values.SelectMany(v => v.ExpectedFailures).ToHashSet();

        Assert.Empty(ids.Except(covered));
    }
}
