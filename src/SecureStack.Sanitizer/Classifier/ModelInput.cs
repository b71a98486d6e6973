using SecureStack.Sanitizer.Normalization;

namespace SecureStack.Sanitizer.Classifier;

/// <summary>The text the classifier sees: the sanitizer's normalised view (decoded, folded, lower case, single spaces).</summary>
public static class ModelInput
{
    public static string Normalise(string text) => TextNormalizer.Normalize(text).View.Text;
}
