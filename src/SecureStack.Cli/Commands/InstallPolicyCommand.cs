using System.CommandLine;
using System.Text;
using SecureStack.Audit;
using SecureStack.Quarantine.InstallPolicy;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack install-policy</c>: OpenClaw's <c>security.installPolicy</c> exec hook.</summary>
internal static class InstallPolicyCommand
{
    /// <summary>OpenClaw refuses requests above 256 KiB; read a little more so an oversized one is seen as such.</summary>
    private const int MaxRequestBytes = 512 * 1024;

    public static Command Create()
    {
        var settings = new QuarantineSettings(QuarantineAccess.Service);
        var request = new Option<string?>("--request") { Description = "Read the request from this file instead of standard input." };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds the scan may take before the answer is block (default 8, under OpenClaw's 10 s default).",
            DefaultValueFactory = _ => 8,
        };
        var command = new Command("install-policy",
            "Answer OpenClaw's security.installPolicy hook: read the JSON request (protocol version 1) on standard input, scan the "
            + "staged skill or plugin, and print {\"protocolVersion\":1,\"decision\":\"allow|warn|block\",...}. Allowed installs are pinned.\n"
            + "Exit codes: always 0 with a decision on standard output; every error (bad request, unknown protocol version, scan error "
            + "or time-out, unusable configuration) is a block that says why.")
        {
            request,
            timeout,
        };
        settings.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var diagnostics = new StringWriter();
            string json;
            try
            {
                json = ReadRequest(parse.GetValue(request));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                output.WriteLine(InstallPolicyDecision.Blocked("securestack could not read the request: " + e.Message).ToJson());
                return 0;
            }

            using var opened = settings.Open(parse, diagnostics);
            if (opened is null)
            {
                var blocked = InstallPolicyDecision.Blocked("securestack is not configured correctly: " + diagnostics.ToString().Trim());
                AuditRefusal(settings.TryOpenAudit(parse), json, blocked);
                output.WriteLine(blocked.ToJson());
                return 0;
            }

            var evaluator = new InstallPolicyEvaluator(opened.Manager, opened.Scanner, opened.Audit, TimeSpan.FromSeconds(parse.GetValue(timeout)));
            output.WriteLine(evaluator.Evaluate(json).ToJson());
            return 0;
        });
        return command;
    }

    /// <summary>Records a block decided before the evaluator could run (database locked or damaged), so no refusal goes unaudited.</summary>
    private static void AuditRefusal(AuditLog? audit, string json, InstallPolicyDecision blocked)
    {
        if (audit is null)
        {
            return;
        }

        using (audit)
        {
            string? target = null;
            try
            {
                target = InstallPolicyRequest.Parse(json).TargetName;
            }
            catch (InstallPolicyRequestException)
            {
                // The record names no target; the reason still says why the install was refused.
            }

            try
            {
                audit.Append(new AuditEvent(AuditEventType.SkillInstallDecision, "install_policy", AuditResult.Blocked, RiskLevel.High)
                {
                    Details = new Dictionary<string, object?> { ["target"] = target, ["decision"] = blocked.Decision, ["reason"] = blocked.Reason },
                });
            }
            catch (AuditLogUnavailableException)
            {
                // The answer is already the fail-closed one; nothing more to refuse.
            }
        }
    }

    private static string ReadRequest(string? path)
    {
        using var stream = path is null ? Console.OpenStandardInput() : File.OpenRead(path);
        var buffer = new byte[MaxRequestBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        if (total > MaxRequestBytes)
        {
            throw new InvalidDataException($"the request is larger than {MaxRequestBytes} bytes");
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
