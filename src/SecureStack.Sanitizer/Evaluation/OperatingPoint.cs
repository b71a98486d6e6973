namespace SecureStack.Sanitizer.Evaluation;

/// <summary>A point of the ROC curve: flag at score ≥ <paramref name="Threshold"/>.</summary>
public sealed record OperatingPoint(double Threshold, Rate Tpr, Rate Fpr);
