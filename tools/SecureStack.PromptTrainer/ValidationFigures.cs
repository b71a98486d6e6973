using System.Globalization;
using SecureStack.Sanitizer.Evaluation;

namespace SecureStack.PromptTrainer;

/// <summary>A model's figures on the validation sources: the ones hyperparameters and thresholds are chosen by.</summary>
public sealed record ValidationFigures(double Auc, Rate DirectTpr, Rate IndirectTpr, Rate Fpr, Rate RejectFpr)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"AUC {Auc:0.0000}; at the flag threshold: direct TPR {DirectTpr}, indirect TPR {IndirectTpr}, FPR {Fpr}; reject FPR {RejectFpr}");
}
