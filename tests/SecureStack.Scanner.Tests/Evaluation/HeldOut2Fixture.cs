using SecureStack.Scanner.Evaluation;

namespace SecureStack.Scanner.Tests.Evaluation;

/// <summary>Held-out-2 (skills from public GitHub skill repositories, data/skills/README.md), unpacked into a scratch folder and scanned once.</summary>
public sealed class HeldOut2Fixture : IDisposable
{
    private readonly TempDirectory? _scratch;

    public HeldOut2Fixture()
    {
        if (RealSkillsCorpus.HeldOut2Archive is not { } archive)
        {
            return;
        }
        _scratch = new TempDirectory();
        SkillCorpus.Extract(archive, _scratch.Path);
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules });
        Evaluation = SkillEvaluation.Run(scanner, SkillCorpus.Enumerate(_scratch.Path), LabelFile.Load(Path.Combine(TestPaths.RepoRoot, "data", "skills", "labels.tsv")));
    }

    public SkillEvaluation? Evaluation { get; }

    public void Dispose() => _scratch?.Dispose();
}
