namespace SecureStack.Sanitizer;

/// <summary>The classifier's best-scoring view of a text so far: probability, span in the original, and which view.</summary>
internal readonly record struct ScoredView(float Probability, int Start, int End, string Source);
