using SecureStack.Scanner.Evaluation;

namespace SecureStack.Scanner.Tests.Evaluation;

/// <summary>
/// The former held-out ClawHub split (now calibration-2) and anthropics/skills, unpacked into a scratch folder (never a
/// skills root) and scanned once.
/// </summary>
public sealed class RealSkillsFixture : IDisposable
{
    private readonly TempDirectory? _scratch;

    public RealSkillsFixture()
    {
        if (RealSkillsCorpus.Archive is not { } archive)
        {
            return;
        }
        _scratch = new TempDirectory();
        SkillCorpus.Extract(archive, _scratch.Path);
        var heldOut = SkillCorpus.Enumerate(_scratch.Path).Where(s => CorpusSplit.Of(s.Id) is CorpusSplit.Calibration2 or CorpusSplit.HeldOut).ToList();
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = TestPaths.Rules });
        Evaluation = SkillEvaluation.Run(scanner, heldOut, LabelFile.Load(Path.Combine(TestPaths.RepoRoot, "data", "skills", "labels.tsv")));
    }

    public SkillEvaluation? Evaluation { get; }

    public void Dispose() => _scratch?.Dispose();
}
