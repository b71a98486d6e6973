using SecureStack.Sanitizer.Evaluation;
using SecureStack.Sanitizer.Tests.Support;
using Xunit.Abstractions;

namespace SecureStack.Sanitizer.Tests.Classifier;

/// <summary>
/// The product's verdict (rules and classifier) on the committed test sources, which took no part in training, rule
/// writing or threshold choice (data/prompts/splits.json). The floors and ceilings sit a little under what the shipped
/// detector measures (bench/RESULTS.md), so a regression fails; the targets (direct TPR 0.90 at 1% FPR,
/// indirect TPR 0.80 at 2% FPR) are not reached yet and are stated beside them in RESULTS.md.
/// </summary>
public sealed class HeldOutTests(ITestOutputHelper output)
{
    // Measured: direct TPR 0.627 (475/757), indirect 0.343 (405/1180), prompt FPR 0.003 (8/2857), document FPR 0.022 (23/1047).
    private const double DirectTprFloor = 0.60;
    private const double IndirectTprFloor = 0.33;
    private const double PromptFprCeiling = 0.008;
    private const double DocumentFprCeiling = 0.03;

    [Fact]
    public void TestSources_DetectionAndFalsePositivesStayWithinTheirBounds()
    {
        var results = PromptEvaluator.Run(TestRules.Analyzer, PromptData.Split("test"));
        var report = new StringWriter();
        PromptEvaluator.WriteMarkdown(results, report);
        output.WriteLine(report.ToString());

        var (directTpr, promptFpr) = PromptEvaluator.Rates(results.Where(r => r.Prompt.Context == "prompt"));
        var (indirectTpr, documentFpr) = PromptEvaluator.Rates(results.Where(r => r.Prompt.Context == "document"));
        Assert.True(directTpr.Total >= 500 && indirectTpr.Total >= 500, "the test split lost most of its injections");
        Assert.True(directTpr.Value >= DirectTprFloor, $"direct TPR {directTpr} is below {DirectTprFloor}");
        Assert.True(indirectTpr.Value >= IndirectTprFloor, $"indirect TPR {indirectTpr} is below {IndirectTprFloor}");
        Assert.True(promptFpr.Value <= PromptFprCeiling, $"prompt FPR {promptFpr} is above {PromptFprCeiling}");
        Assert.True(documentFpr.Value <= DocumentFprCeiling, $"document FPR {documentFpr} is above {DocumentFprCeiling}");
    }
}
