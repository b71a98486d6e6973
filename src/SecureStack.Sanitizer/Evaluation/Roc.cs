namespace SecureStack.Sanitizer.Evaluation;

/// <summary>ROC figures of scored, labelled items (score: higher means more likely an injection).</summary>
public static class Roc
{
    /// <summary>The lowest threshold whose false-positive rate on <paramref name="benign"/> is at most <paramref name="maxFpr"/>.</summary>
    public static double ThresholdForFpr(IReadOnlyList<double> benign, double maxFpr)
    {
        if (benign.Count == 0)
        {
            return 0.5;
        }

        var sorted = benign.OrderByDescending(s => s).ToArray();
        var allowed = (int)Math.Floor(maxFpr * sorted.Length);
        // Flagging needs score >= threshold, so the threshold sits just above the first benign score not allowed through.
        return allowed >= sorted.Length ? 0 : Math.BitIncrement(sorted[allowed]);
    }

    public static OperatingPoint At(IReadOnlyList<double> injections, IReadOnlyList<double> benign, double threshold) =>
        new(threshold, new Rate(injections.Count(s => s >= threshold), injections.Count), new Rate(benign.Count(s => s >= threshold), benign.Count));

    /// <summary>Operating points at the given false-positive targets, thresholds chosen on these very scores.</summary>
    public static IReadOnlyList<OperatingPoint> Points(IReadOnlyList<double> injections, IReadOnlyList<double> benign, IEnumerable<double> fprTargets) =>
        [.. fprTargets.Select(t => At(injections, benign, ThresholdForFpr(benign, t)))];

    /// <summary>Area under the ROC curve (the probability that an injection outscores a benign text; ties count half).</summary>
    public static double Auc(IReadOnlyList<double> injections, IReadOnlyList<double> benign)
    {
        if (injections.Count == 0 || benign.Count == 0)
        {
            return double.NaN;
        }

        var all = injections.Select(s => (Score: s, Injection: true)).Concat(benign.Select(s => (Score: s, Injection: false)))
            .OrderBy(x => x.Score).ToArray();
        double rankSum = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].Score == all[i].Score)
            {
                j++;
            }

            var rank = (i + j + 1) / 2.0;
            rankSum += rank * all[i..j].Count(x => x.Injection);
            i = j;
        }

        return (rankSum - (injections.Count * (injections.Count + 1) / 2.0)) / ((double)injections.Count * benign.Count);
    }
}
