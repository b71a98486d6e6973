using SecureStack.Sanitizer.Evaluation;

namespace SecureStack.Sanitizer.Tests.Evaluation;

public sealed class RocTests
{
    private static readonly double[] Benign = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    [Fact]
    public void ThresholdForFpr_LetsThroughAtMostTheAllowedShare()
    {
        var threshold = Roc.ThresholdForFpr(Benign, 0.1);
        Assert.Equal(1, Benign.Count(s => s >= threshold));
        Assert.Equal(0, Benign.Count(s => s >= Roc.ThresholdForFpr(Benign, 0.05)));
    }

    [Fact]
    public void At_CountsBothSides()
    {
        var point = Roc.At([0.95, 0.85, 0.2], Benign, 0.85);
        Assert.Equal((2, 3), (point.Tpr.Hits, point.Tpr.Total));
        Assert.Equal((2, 10), (point.Fpr.Hits, point.Fpr.Total));
    }

    [Fact]
    public void Auc_IsOneForSeparatedScoresAndHalfForTies()
    {
        Assert.Equal(1.0, Roc.Auc([2.0, 3.0], Benign));
        Assert.Equal(0.5, Roc.Auc([0.5, 0.5], [0.5, 0.5]));
    }
}
