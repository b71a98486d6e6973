using SecureStack.Scanner.Evaluation;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Scanner.Tests.Evaluation;

/// <summary>
/// Verdict rates on the former held-out ClawHub authors (split recorded in CorpusSplit; calibration-2 since its false
/// positives were fixed in session 7, so these guard against regressions, they do not measure) and on anthropics/skills,
/// which took no part in tuning. Figures untouched by tuning are in HeldOut2RealSkillsTests. The corpus is
/// deterministic and the split a fixed hash, so there is no seed to vary.
/// </summary>
public sealed class ClawHubRealSkillsTests : IClassFixture<RealSkillsFixture>
{
    private readonly SkillEvaluation? _evaluation;

    public ClawHubRealSkillsTests(RealSkillsFixture fixture)
    {
        _evaluation = fixture.Evaluation;
    }

    [RealSkillsFact]
    public void Calibration2ClawHub_FewBenignSkillsAreJudgedMalicious()
    {
        var rate = _evaluation!.FalsePositives(ClawHub, VerdictLevel.Malicious);
        Assert.True(rate.Trials >= 1000, $"only {rate.Trials} calibration-2 benign ClawHub skills");
        Assert.True(rate.Rate <= 0.005, $"calibration-2 ClawHub benign judged malicious: {rate}; limit 0.5 % (measured 4/1151 = 0.3 % after calibration round 2, 1.9 % before), issue target 1 %");
    }

    [RealSkillsFact]
    public void Calibration2ClawHub_FewBenignSkillsAreSuspiciousOrWorse()
    {
        var rate = _evaluation!.FalsePositives(ClawHub, VerdictLevel.Suspicious);
        Assert.True(rate.Rate <= 0.015, $"calibration-2 ClawHub benign judged suspicious or worse: {rate}; limit 1.5 % (measured 13/1151 = 1.1 %), issue target 3 %");
    }

    [RealSkillsFact]
    public void Calibration2ClawHub_KnownMaliciousSkillsAreJudgedMalicious()
    {
        var recall = _evaluation!.Recall(ClawHub, VerdictLevel.Malicious);
        Assert.True(recall.Trials >= 20, $"only {recall.Trials} calibration-2 malicious ClawHub skills");
        Assert.True(recall.Rate >= 0.9, $"calibration-2 known-malicious ClawHub skills judged malicious: {recall}; limit and issue target 90 % (measured 21/21)");
    }

    [RealSkillsFact]
    public void AnthropicSkills_NoneMaliciousAndAtMostOneSuspicious()
    {
        var malicious = _evaluation!.FalsePositives(s => s.Source == "anthropic", VerdictLevel.Malicious);
        var suspicious = _evaluation.FalsePositives(s => s.Source == "anthropic", VerdictLevel.Suspicious);
        Assert.True(malicious.Trials >= 13, $"only {malicious.Trials} anthropics/skills");
        Assert.True(malicious.Successes == 0, $"anthropics/skills judged malicious: {malicious}; limit 0 (issue target 1 %)");
        Assert.True(suspicious.Successes <= 1, $"anthropics/skills suspicious or worse: {suspicious}; limit 1 of 13 (issue target 3 %)");
    }

    private static bool ClawHub(EvaluatedSkill s) => s.Source == "clawhub";
}
