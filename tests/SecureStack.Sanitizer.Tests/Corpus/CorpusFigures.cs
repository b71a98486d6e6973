namespace SecureStack.Sanitizer.Tests.Corpus;

/// <summary>Detection counts of one corpus.</summary>
internal sealed record CorpusFigures(string Name, int Detected, int Total)
{
    public double Rate => Total == 0 ? 0 : (double)Detected / Total;

    public override string ToString() => $"{Name}: {Detected}/{Total} = {Rate:P1}";
}
