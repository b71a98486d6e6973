using SecureStack.Scanner.Evaluation;
using SecureStack.Scanner.Verdicts;

namespace SecureStack.Scanner.Tests.Evaluation;

/// <summary>
/// Verdict rates on real skills that took no part in tuning: the held-out ClawHub authors (split recorded in
/// CorpusSplit) and anthropics/skills. Thresholds are what the scanner reaches (bench/RESULTS.md); the issue's
/// targets are in the messages. The corpus is deterministic and the split a fixed hash, so there is no seed to vary.
/// </summary>
public sealed class HeldOutRealSkillsTests : IClassFixture<RealSkillsFixture>
{
    private readonly SkillEvaluation? _evaluation;

    public HeldOutRealSkillsTests(RealSkillsFixture fixture)
    {
        _evaluation = fixture.Evaluation;
    }

    [RealSkillsFact]
    public void HeldOutClawHub_FewBenignSkillsAreJudgedMalicious()
    {
        var rate = _evaluation!.FalsePositives(ClawHub, VerdictLevel.Malicious);
        Assert.True(rate.Trials >= 1000, $"only {rate.Trials} held-out benign ClawHub skills");
        Assert.True(rate.Rate <= 0.022, $"held-out ClawHub benign judged malicious: {rate}; test limit 2.2 % (measured 1.9 %), issue target 1 %");
    }

    [RealSkillsFact]
    public void HeldOutClawHub_FewBenignSkillsAreSuspiciousOrWorse()
    {
        var rate = _evaluation!.FalsePositives(ClawHub, VerdictLevel.Suspicious);
        Assert.True(rate.Rate <= 0.03, $"held-out ClawHub benign judged suspicious or worse: {rate}; limit and issue target 3 %");
    }

    [RealSkillsFact]
    public void HeldOutClawHub_KnownMaliciousSkillsAreJudgedMalicious()
    {
        var recall = _evaluation!.Recall(ClawHub, VerdictLevel.Malicious);
        Assert.True(recall.Trials >= 20, $"only {recall.Trials} held-out malicious ClawHub skills");
        Assert.True(recall.Rate >= 0.9, $"held-out known-malicious ClawHub skills judged malicious: {recall}; limit and issue target 90 %");
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
