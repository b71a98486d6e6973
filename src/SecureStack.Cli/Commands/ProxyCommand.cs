using System.CommandLine;
using Microsoft.Extensions.Options;
using SecureStack.Audit;
using SecureStack.Proxy;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Hosting;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack proxy</c>: runs the authenticating proxy until SIGTERM or Ctrl+C.</summary>
internal static class ProxyCommand
{
    public static Command Create()
    {
        var listen = new Option<string?>("--listen") { Description = "Where to listen, e.g. http://127.0.0.1:8080 (overrides PROXY_LISTEN)." };
        var upstream = new Option<string?>("--upstream") { Description = "The OpenClaw gateway, e.g. http://127.0.0.1:18789 (overrides UPSTREAM_URL)." };
        var auditLog = new Option<string?>("--log") { Description = "The audit log file (overrides AUDIT_LOG_PATH)." };
        var command = new Command("proxy",
            "Run the authenticating reverse proxy in front of the OpenClaw gateway. Settings come from the environment " +
            "(API_TOKEN/API_TOKENS, UPSTREAM_URL, PROXY_LISTEN, AUDIT_LOG_PATH, PROXY_*; see the README). " +
            "The prompt sanitizer loads prompt-rules.json from SECURESTACK_CONFIG_DIR (default: the install's, else config/ beside the binary); if it is missing or invalid, " +
            "model-bound traffic is refused and /readyz says why. The model relay /relay/<id>/v1 is on with RELAY_PROVIDERS and RELAY_KEY. " +
            "Exit codes: 0 stopped by a signal, 2 invalid configuration, 3 audit log unavailable.")
        {
            listen, upstream, auditLog,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            SocketThreads.PreferInlineCompletions();
            var overrides = new Dictionary<string, string?>
            {
                ["PROXY_LISTEN"] = parseResult.GetValue(listen),
                ["UPSTREAM_URL"] = parseResult.GetValue(upstream),
            };
            try
            {
                var options = ProxyEnvironment.Read(name => overrides.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(name));
                using var log = AuditLog.Open(AuditLogOptions.FromEnvironment(parseResult.GetValue(auditLog)));
                await using var host = ProxyHost.Create(options, log);
                await host.RunAsync(cancellationToken);
                return 0;
            }
            catch (Exception ex) when (ex is ProxyConfigurationException or OptionsValidationException or AuditConfigurationException)
            {
                await Console.Error.WriteLineAsync($"securestack proxy: {ex.Message}");
                return 2;
            }
            catch (AuditLogUnavailableException ex)
            {
                await Console.Error.WriteLineAsync($"securestack proxy: {ex.Message}");
                return 3;
            }
        });
        return command;
    }
}
