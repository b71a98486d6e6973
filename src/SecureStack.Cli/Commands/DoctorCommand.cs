using System.CommandLine;
using SecureStack.Audit.Installation;
using SecureStack.Cli.Doctor;
using SecureStack.Cli.Doctor.Probe;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack doctor</c>: audits the deployment's files; <c>doctor probe</c>: a shell-free health check.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var root = new Option<string?>("--root")
        {
            Description = "The checkout to audit (default: the install this securestack belongs to, else the current directory if it is a checkout).",
        };
        var local = new Option<bool>("--local") { Description = "Audit the native stack of ./install.sh --local instead of docker-compose.yml (the default for the securestack that install.sh --local built)." };
        var compose = new Option<string?>("--compose") { Description = "Compose file to audit (default: docker-compose.yml; Docker mode only)." };
        var env = new Option<string?>("--env") { Description = "The .env file (default: .env)." };
        var openClaw = new Option<string?>("--openclaw-config")
        {
            Description = "OpenClaw's config (default: config/openclaw/openclaw.docker.json, or .local/openclaw-home/.openclaw/openclaw.json with --local).",
        };
        var allowlist = new Option<string?>("--allowlist") { Description = "The egress allowlist (default: config/egress-allowlist.conf)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (score, passed, failed, checks)." };

        var command = new Command("doctor",
            "Check the deployment against the stack's security requirements: the compose file (FR-1/FR-2, per service), "
            + ".env (permissions, placeholder secrets, token length), OpenClaw's config (bind, auth, trusted proxies, exec, "
            + "sandbox, install policy, HTTP endpoints, Control UI origins, hooks token) and the egress allowlist. "
            + "Prints each check with its fix and a score out of 100. Exit codes: 0 every check passed, 1 a check failed, 2 no install or checkout found.")
        {
            root, local, compose, env, openClaw, allowlist, json,
        };
        command.SetAction(parseResult =>
        {
            var install = InstallEnvironment.Current;
            var mode = parseResult.GetValue(local) || (parseResult.GetValue(root) is null && install.Get("SECURESTACK_MODE") == "local")
                ? DeploymentMode.Local : DeploymentMode.Docker;
            var everyFileGiven = parseResult.GetValue(env) is not null && parseResult.GetValue(openClaw) is not null
                && parseResult.GetValue(allowlist) is not null && (mode == DeploymentMode.Local || parseResult.GetValue(compose) is not null);
            var checkout = parseResult.GetValue(root) ?? install.Home
                ?? (everyFileGiven || File.Exists("docker-compose.yml") || File.Exists(".env") ? "." : null);
            if (checkout is null)
            {
                Console.Error.WriteLine($"securestack doctor: no install found: {Directory.GetCurrentDirectory()} is not a checkout and {install.BinaryDirectory} has no "
                    + $"{InstallEnvironment.MarkerFileName}; run the securestack that ./install.sh built (it is on PATH after the install), "
                    + "run doctor in the checkout, or pass --root DIR");
                return CliApp.UsageOrIoError;
            }

            var defaults = DoctorOptions.ForRoot(checkout, mode);
            var options = defaults with
            {
                ComposePath = parseResult.GetValue(compose) ?? defaults.ComposePath,
                EnvPath = parseResult.GetValue(env) ?? defaults.EnvPath,
                OpenClawConfigPath = parseResult.GetValue(openClaw) ?? defaults.OpenClawConfigPath,
                AllowlistPath = parseResult.GetValue(allowlist) ?? defaults.AllowlistPath,
            };
            var report = DoctorRunner.Run(options);
            Console.Out.Write(parseResult.GetValue(json) ? report.ToJson() + Environment.NewLine : report.ToText());
            return report.Failed == 0 ? 0 : 1;
        });
        command.Subcommands.Add(CreateProbe());
        return command;
    }

    private static Command CreateProbe()
    {
        var target = new Argument<Uri>("target") { Description = "http(s)://host:port/path (2xx is healthy), tcp://host:port, or file:///path." };
        var insecure = new Option<bool>("--insecure") { Description = "Accept any TLS certificate (the service's own self-signed one on loopback)." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait (default 5).", DefaultValueFactory = _ => 5 };
        var command = new Command("probe",
            "Health check for containers without a shell: probes one endpoint. Exit codes: 0 healthy, 1 unhealthy.")
        {
            target, insecure, timeout,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var result = await HealthProbe.RunAsync(parseResult.GetValue(target)!, parseResult.GetValue(insecure),
                TimeSpan.FromSeconds(parseResult.GetValue(timeout)), cancellationToken);
            (result.Healthy ? Console.Out : Console.Error).WriteLine(result.Message);
            return result.Healthy ? 0 : 1;
        });
        return command;
    }
}
