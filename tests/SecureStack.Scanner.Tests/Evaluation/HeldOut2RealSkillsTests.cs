using SecureStack.Scanner.Evaluation;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Scanner.Tests.Evaluation;

/// <summary>
/// Verdict rates on held-out-2: skills by other authors from public GitHub skill repositories, packed after the last
/// calibration round and measured once (bench/RESULTS.md). The limits are the targets. The split is the
/// source (every github/… skill), so there is no seed to vary. About 1,100 skills: the only false-positive figure on
/// skills nobody tuned on, so the scan (30–60 s on the shared 2 cores) is worth its time.
/// </summary>
public sealed class HeldOut2RealSkillsTests : IClassFixture<HeldOut2Fixture>
{
    private readonly SkillEvaluation? _evaluation;

    public HeldOut2RealSkillsTests(HeldOut2Fixture fixture)
    {
        _evaluation = fixture.Evaluation;
    }

    [HeldOut2Fact]
    public void HeldOut2_AtMostOnePercentOfBenignSkillsAreJudgedMalicious()
    {
        var rate = _evaluation!.FalsePositives(HeldOut2, VerdictLevel.Malicious);
        Assert.True(rate.Trials >= 1000, $"only {rate.Trials} held-out-2 skills");
        Assert.True(rate.Rate <= 0.01, $"held-out-2 benign judged malicious: {rate}; limit and issue target 1 % (measured 8/1096 = 0.7 %)");
    }

    [HeldOut2Fact]
    public void HeldOut2_AtMostThreePercentOfBenignSkillsAreSuspiciousOrWorse()
    {
        var rate = _evaluation!.FalsePositives(HeldOut2, VerdictLevel.Suspicious);
        Assert.True(rate.Rate <= 0.03, $"held-out-2 benign judged suspicious or worse: {rate}; limit and issue target 3 % (measured 10/1096 = 0.9 %)");
    }

    [HeldOut2Fact]
    public void HeldOut2_EveryRepositoryIsPresent()
    {
        var repositories = _evaluation!.Skills.Where(HeldOut2).Select(s => s.Id.Split('/')[1]).Distinct().Count();
        Assert.True(repositories >= 8, $"held-out-2 holds skills of {repositories} repositories; build-heldout2.py packs 8");
    }

    private static bool HeldOut2(EvaluatedSkill s) => s.Split == CorpusSplit.HeldOut2;
}
