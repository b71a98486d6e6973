namespace SecureStack.Scanner.Evaluation;

/// <summary>The Wilson score interval of a proportion (95 % by default).</summary>
public readonly record struct Wilson(int Successes, int Trials, double Low, double High)
{
    public double Rate => Trials == 0 ? 0 : (double)Successes / Trials;

    public static Wilson Of(int successes, int trials, double z = 1.959964)
    {
        if (trials == 0)
        {
            return new Wilson(0, 0, 0, 1);
        }
        var p = (double)successes / trials;
        var z2 = z * z;
        var centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        var half = z * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / (1 + z2 / trials);
        return new Wilson(successes, trials, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Successes}/{Trials} = {Rate:P1} [{Low:P1}, {High:P1}]");
}
