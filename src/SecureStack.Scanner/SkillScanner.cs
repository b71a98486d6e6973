using SecureStack.Scanner.Network;
using SecureStack.Scanner.Rules;
using SecureStack.Scanner.Rules.BuiltIn;
using SecureStack.Scanner.Skills;
using SecureStack.Scanner.Trust;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Scanner;

/// <summary>
/// Scans skills. Create one with <see cref="Create"/> (which fails closed on a bad configuration), then call
/// <see cref="Scan"/> for a skill folder or file; safe to use from several threads. Pure: files in, report out.
/// Pins, the audit log and the move belong to quarantine.
/// </summary>
public sealed class SkillScanner : IDisposable
{
    private readonly ScannerOptions _options;
    private readonly RuleSet _rules;
    private readonly ParserPool _parsers;
    private readonly CommunityAllowlist _communityAllowlist;
    private readonly RegistryMetadata? _metadata;

    private SkillScanner(ScannerOptions options, RuleSet rules, CommunityAllowlist communityAllowlist, RegistryMetadata? metadata)
    {
        _options = options;
        _rules = rules;
        _communityAllowlist = communityAllowlist;
        _metadata = metadata;
        _parsers = new ParserPool(options.ParseTimeout);
    }

    /// <summary>Every rule the scanner applies, built-in and configured, by stable id.</summary>
    public IReadOnlyList<RuleDescriptor> Rules => _rules.Descriptors;

    /// <exception cref="ScannerConfigurationException">A configuration file is missing or invalid; the message names file and line.</exception>
    public static SkillScanner Create(ScannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var configured = RuleFile.Load(options.RulesPath);
        var allowlist = options.EgressAllowlistPath is null ? EgressAllowlist.Empty : EgressAllowlist.Load(options.EgressAllowlistPath);
        var community = options.CommunityAllowlistPath is null ? CommunityAllowlist.Empty : CommunityAllowlist.Load(options.CommunityAllowlistPath);
        var metadata = options.MetadataPath is null ? null : RegistryMetadataReader.Load(options.MetadataPath);
        return new SkillScanner(options, new RuleSet(configured, allowlist), community, metadata);
    }

    /// <summary>The SHA-256 canonical-manifest checksum of a skill folder or file, without scanning it.</summary>
    public static string ComputeChecksum(string skillPath) => SkillChecksum.Compute(skillPath);

    /// <summary>Scans one skill folder (or a single file).</summary>
    /// <exception cref="DirectoryNotFoundException">The path does not exist.</exception>
    public ScanReport Scan(string skillPath)
    {
        var full = Path.GetFullPath(skillPath);
        var started = _options.TimeProvider.GetTimestamp();
        var (name, checksum, findings, runFiles) = new SkillAnalysis(_rules, _parsers, _options).Run(full);
        var now = _options.TimeProvider.GetUtcNow();
        var metadata = _metadata ?? RegistryMetadataReader.ForSkill(full);
        var trust = TrustScoreCalculator.Compute(metadata, findings, _communityAllowlist.Contains(name, checksum), now);
        var lines = new SkillLines(Directory.Exists(full) ? full : Path.GetDirectoryName(full)!);
        var verdict = VerdictCalculator.Compute(findings, lines.LineAt, _options.VerdictWeights, skillName: name, runFiles: runFiles);
        return new ScanReport(name, full, checksum, findings, trust, now,
            (long)_options.TimeProvider.GetElapsedTime(started).TotalMilliseconds)
        {
            Verdict = verdict,
        };
    }

    /// <summary>Scans text as one file of the given language (Markdown as a SKILL.md): how rule examples are checked.</summary>
    internal IReadOnlyList<ScanFinding> ScanSnippet(SourceLanguage language, string text) =>
        new SkillAnalysis(_rules, _parsers, _options).RunSnippet(language, text);

    internal RuleSet RuleSet => _rules;

    /// <summary>Scans many skills in parallel; reports come back in the order of <paramref name="skillPaths"/>.</summary>
    public IReadOnlyList<ScanReport> ScanMany(IReadOnlyList<string> skillPaths, IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var reports = new ScanReport[skillPaths.Count];
        var done = 0;
        Parallel.For(0, skillPaths.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            reports[i] = Scan(skillPaths[i]);
            progress?.Report(new ScanProgress(Interlocked.Increment(ref done), skillPaths.Count, reports[i].SkillName));
        });
        return reports;
    }

    /// <summary>Scans every skill in a folder of skills (each subfolder with a SKILL.md).</summary>
    public IReadOnlyList<ScanReport> ScanAll(string skillsDirectory) => ScanMany(SkillTarget.Expand(skillsDirectory));

    public void Dispose()
    {
        _parsers.Dispose();
        _rules.Dispose();
    }
}
