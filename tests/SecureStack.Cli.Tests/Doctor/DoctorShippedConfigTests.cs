using SecureStack.Cli.Doctor;

namespace SecureStack.Cli.Tests.Doctor;

public sealed class DoctorShippedConfigTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Doctor_ScoresTheShippedDeployment100(bool docker)
    {
        using var files = new DeploymentFiles(docker ? DeploymentMode.Docker : DeploymentMode.Local);

        var report = DoctorRunner.Run(files.Options);

        Assert.Empty(report.Failures);
        Assert.Equal(100, report.Score);
    }

    [Fact]
    public void Doctor_ChecksEveryHardeningItemForEveryComposeService()
    {
        using var files = new DeploymentFiles(DeploymentMode.Docker);

        var report = DoctorRunner.Run(files.Options);

        string[] perService = ["compose.non-root-user", "compose.read-only", "compose.capabilities", "compose.no-new-privileges",
            "compose.resource-limits", "compose.healthcheck", "compose.pinned-image", "compose.host-isolation",
            "compose.published-ports", "compose.network-isolation", "compose.secrets"];
        foreach (var service in new[] { "setup", "proxy", "openclaw", "egress", "watcher" })
        {
            foreach (var id in perService)
            {
                Assert.Contains(report.Results, r => r.Id == id && r.Target == $"service {service}");
            }
        }
        foreach (var id in new[] { "openclaw.bind", "openclaw.auth", "openclaw.trusted-proxies", "openclaw.exec", "openclaw.sandbox",
            "openclaw.install-policy", "openclaw.http-endpoints", "openclaw.control-ui-origins", "openclaw.hooks-token",
            "env.permissions", "env.secrets", "egress.allowlist", "compose.egress-routing", "compose.volumes" })
        {
            Assert.Contains(report.Results, r => r.Id == id);
        }
    }

    [Fact]
    public void Doctor_ReportsUnreadableFilesAsFailures_NotCrashes()
    {
        using var files = new DeploymentFiles(DeploymentMode.Docker);
        File.WriteAllText(files.Compose, "services: [unclosed");
        File.Delete(files.Env);

        var report = DoctorRunner.Run(files.Options);

        Assert.Contains(report.Failures, f => f.Id == "compose.load" && f.Message.Contains("YAML", StringComparison.Ordinal));
        Assert.Contains(report.Failures, f => f.Id == "env.load" && f.Fix.Contains("install.sh", StringComparison.Ordinal));
        Assert.True(report.Score < 100);
    }

    [Fact]
    public void Score_IsTheShareOfPassedChecks_RoundedDown()
    {
        var results = Enumerable.Range(0, 199).Select(i => CheckResult.Pass("x", $"{i}", "ok"))
            .Append(CheckResult.Fail("y", "t", "bad", "fix")).ToList();

        Assert.Equal(99, new DoctorReport(results).Score);
    }
}
