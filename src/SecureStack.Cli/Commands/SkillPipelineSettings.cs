using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureStack.Audit.Installation;
using SecureStack.Audit.Settings;
using SecureStack.Quarantine;
using SecureStack.Scanner;

namespace SecureStack.Cli.Commands;

/// <summary>
/// The skill pipeline's settings (scanner, and quarantine where a command keeps state) read once from the command
/// line, the environment and the install, registered as options and validated before anything is scanned or moved.
/// </summary>
internal static class SkillPipelineSettings
{
    /// <summary>The scanner's settings: the given files, else the install's config folder; the egress allowlist beside the rules when present.</summary>
    public static ScannerOptions Scanner(string? rules, string? egressAllowlist = null, string? metadata = null, string? communityAllowlist = null)
    {
        var rulesPath = rules ?? InstallEnvironment.Current.ConfigFile("scanner-rules.json");
        // An empty rules path is left for validation to name; there is nothing to look beside.
        var beside = string.IsNullOrWhiteSpace(rulesPath) ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(rulesPath)) ?? ".", "egress-allowlist.conf");
        return new ScannerOptions
        {
            RulesPath = rulesPath,
            EgressAllowlistPath = egressAllowlist ?? (File.Exists(beside) ? beside : null),
            MetadataPath = metadata,
            CommunityAllowlistPath = communityAllowlist,
        };
    }

    /// <summary>Registers and validates the settings; throws <see cref="OptionsValidationException"/> naming the first bad one.</summary>
    public static ServiceProvider Compose(ScannerOptions scanner, QuarantineOptions? quarantine)
    {
        try
        {
            return ServiceComposition.Build(services =>
            {
                services.AddSettings<ScannerOptions, ScannerConfigurationException>(scanner, o => o.Validate());
                if (quarantine is not null)
                {
                    services.AddSettings<QuarantineOptions, QuarantineConfigurationException>(quarantine, o => o.Validate());
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault() is OptionsValidationException first)
        {
            // Both settings types are bad: the start-up validator reports them together; one message is enough to act on.
            throw first;
        }
    }
}
