namespace SecureStack.Cli.Doctor.Compose;

/// <summary>FR-1: every service runs as a fixed non-root user with uid 1000 or above.</summary>
internal sealed class NonRootUserCheck : IDoctorCheck
{
    private const string Id = "compose.non-root-user";

    public IEnumerable<CheckResult> Run(DoctorContext context) => context.Compose!.Services.Select(Check);

    private static CheckResult Check(ComposeService service)
    {
        var uid = service.Uid;
        if (uid >= 1000)
        {
            return CheckResult.Pass(Id, service.Target, $"runs as uid {uid}");
        }
        if (uid == 0 && service.IsEgress && service.CapAdd.All(c => c == "NET_ADMIN") && service.CapDrop.Contains("ALL"))
        {
            // nft needs CAP_NET_ADMIN effective, which a non-root user gets only from file capabilities,
            // and no-new-privileges turns those off; the container keeps no other capability.
            return CheckResult.Pass(Id, service.Target, "root inside the container with only NET_ADMIN (nftables), all else dropped");
        }
        return CheckResult.Fail(Id, service.Target,
            uid is null ? "no numeric user is set, so the image's default (often root) applies" : $"runs as uid {uid}",
            $"set `user: \"1654:1654\"` (or another uid >= 1000) on {service.Name}");
    }
}
