using System.Globalization;

namespace SecureStack.Sanitizer.Evaluation;

/// <summary>A proportion with its Wilson 95% interval (sound for small sets and for rates near 0 or 1).</summary>
public readonly record struct Rate(int Hits, int Total)
{
    private const double Z = 1.959963984540054;

    public double Value => Total == 0 ? double.NaN : (double)Hits / Total;

    public double Lower => Bounds().Lower;

    public double Upper => Bounds().Upper;

    public override string ToString() => Total == 0 ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{Value:0.000} [{Lower:0.000}, {Upper:0.000}] ({Hits}/{Total})");

    private (double Lower, double Upper) Bounds()
    {
        if (Total == 0)
        {
            return (double.NaN, double.NaN);
        }

        var p = Value;
        var n = (double)Total;
        var denominator = 1 + (Z * Z / n);
        var centre = (p + (Z * Z / (2 * n))) / denominator;
        var half = Z * Math.Sqrt((p * (1 - p) / n) + (Z * Z / (4 * n * n))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
