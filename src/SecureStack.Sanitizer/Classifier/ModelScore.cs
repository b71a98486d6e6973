namespace SecureStack.Sanitizer.Classifier;

/// <summary>The classifier's probability that a text is an injection, and the window of the text that scored it.</summary>
/// <param name="Probability">0..1; the highest window's.</param>
/// <param name="Start">Start of that window in the scored (normalised) text.</param>
/// <param name="Length">Length of that window.</param>
public readonly record struct ModelScore(float Probability, int Start, int Length)
{
    public static readonly ModelScore None = new(0f, 0, 0);
}
