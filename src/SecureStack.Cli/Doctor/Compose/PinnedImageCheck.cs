using System.Text.RegularExpressions;

namespace SecureStack.Cli.Doctor.Compose;

/// <summary>Images are pinned by digest or an exact version tag, never <c>latest</c> or a moving major tag.</summary>
internal sealed partial class PinnedImageCheck : IDoctorCheck
{
    private const string Id = "compose.pinned-image";

    public IEnumerable<CheckResult> Run(DoctorContext context) => context.Compose!.Services.Select(Check);

    private static CheckResult Check(ComposeService service)
    {
        var image = service.Image;
        if (string.IsNullOrWhiteSpace(image))
        {
            return CheckResult.Fail(Id, service.Target, "no image name, so the built image is tagged by compose",
                $"set `image: NAME:X.Y.Z` on {service.Name}");
        }
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return CheckResult.Pass(Id, service.Target, $"pinned by digest: {image}");
        }
        var colon = image.LastIndexOf(':');
        var tag = colon > image.LastIndexOf('/') ? image[(colon + 1)..] : "";
        return ExactVersion().IsMatch(tag)
            ? CheckResult.Pass(Id, service.Target, $"pinned: {image}")
            : CheckResult.Fail(Id, service.Target, $"{image} is not pinned to an exact version",
                $"use an exact version tag (e.g. {image.Split(':')[0]}:1.2.3) or a digest on {service.Name}");
    }

    [GeneratedRegex(@"^v?\d+\.\d+\.\d+([.-][0-9A-Za-z.-]+)?$")]
    private static partial Regex ExactVersion();
}
