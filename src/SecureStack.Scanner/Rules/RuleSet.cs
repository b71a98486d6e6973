using SecureStack.Scanner.Network;
using SecureStack.Scanner.Rules.BuiltIn;
using SecureStack.Scanner.Rules.Linking;
using SecureStack.Scanner.Rules.Scripts;

namespace SecureStack.Scanner.Rules;

/// <summary>The rules from the rule file plus the built-in analyses; shared by every scan (queries are thread-safe).</summary>
internal sealed class RuleSet : IDisposable
{
    private readonly CombinedQueryRule _combined;

    public RuleSet(IReadOnlyList<ConfiguredRule> configured, EgressAllowlist allowlist)
    {
        Configured = configured;
        BuiltIn =
        [
            new ParseFailureRule(),
            new ObfuscationRule(),
            new NetworkDestinationRule(allowlist),
            new CredentialExfiltrationRule(),
            new PersistenceRule(),
            new MetadataCoherenceRule(),
            new InvisibleUnicodeRule(),
            new HiddenInstructionRule(),
            new DownloadThenRunRule(),
            new ScriptCredentialRule(),
            new CrossModuleRule(),
            new PythonBytecodeRule(),
            new DependencyTyposquatRule(),
        ];
        _combined = new CombinedQueryRule(configured.OfType<QueryRule>());
        All = [_combined, .. Configured.Where(r => r is not QueryRule), .. BuiltIn];
        var descriptors = Configured.Concat(BuiltIn).SelectMany(r => r.Descriptors)
            .Concat(FileTypeRule.Descriptors)
            .Append(EncodedPayloadRule.Descriptor)
            .Append(PackageScriptRule.Descriptor)
            .Append(SymlinkedSkillRule.Descriptor)
            .Append(ArchiveContentRule.Unscanned)
            .ToList();
        var duplicate = descriptors.GroupBy(d => d.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ScannerConfigurationException($"rule id {duplicate.Key} is defined twice (a rule file id may not reuse a built-in id)");
        }
        Descriptors = descriptors;
    }

    public IReadOnlyList<ConfiguredRule> Configured { get; }

    public IReadOnlyList<ScanRule> BuiltIn { get; }

    public IReadOnlyList<ScanRule> All { get; }

    public IReadOnlyList<RuleDescriptor> Descriptors { get; }

    public void Dispose()
    {
        _combined.Dispose();
        foreach (var rule in Configured.OfType<IDisposable>())
        {
            rule.Dispose();
        }
    }
}
