namespace SecureStack.Sanitizer.Evaluation;

/// <summary>One labelled text after the sanitizer looked at it.</summary>
/// <param name="Prompt">The labelled text.</param>
/// <param name="Score">Detector score for ROC points: 1 when a rule fired, else the classifier's probability.</param>
/// <param name="Flagged">The verdict the product acts on: flag or stronger (strip, reject).</param>
/// <param name="DecidedBy">What set the verdict (<see cref="SanitizeResult.DecidedBy"/>).</param>
public sealed record EvaluatedPrompt(LabelledPrompt Prompt, double Score, bool Flagged, string DecidedBy);
