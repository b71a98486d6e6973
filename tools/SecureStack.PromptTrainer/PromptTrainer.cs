using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using SecureStack.Sanitizer.Classifier;
using SecureStack.Sanitizer.Evaluation;

namespace SecureStack.PromptTrainer;

/// <summary>
/// Trains the sanitizer's <see cref="InjectionModel"/>: ML.NET's SDCA logistic regression over the sanitizer's own
/// <see cref="NgramFeatures"/> of the normalised text, single-threaded with a fixed seed so a run is reproducible.
/// Thresholds come from the validation sources only.
/// </summary>
public static class PromptTrainer
{
    public static InjectionModel Train(IReadOnlyList<LabelledPrompt> train, IReadOnlyList<LabelledPrompt> validation, TrainingOptions options)
    {
        var ml = new MLContext(seed: options.Seed);
        var size = 1 << options.Bits;
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        // Featurised once: the trainer enumerates its data on every pass.
        var data = ml.Data.LoadFromEnumerable(Featurize(train, options).ToList(), schema);
        var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = nameof(FeatureRow.Features),
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            L2Regularization = options.L2,
            L1Regularization = 0,
            MaximumNumberOfIterations = options.Iterations,
            NumberOfThreads = 1,
        });
        var fitted = trainer.Fit(data).Model.SubModel;
        var unthresholded = new InjectionModel([.. fitted.Weights], fitted.Bias, options.WindowChars, 0.5f, 0.5f);
        var benign = Scores(unthresholded, validation.Where(p => !p.Injection));
        var flag = Roc.ThresholdForFpr(benign, options.FlagFpr);
        var reject = Math.Max(flag, Roc.ThresholdForFpr(benign, options.RejectFpr));
        return new InjectionModel(unthresholded.Weights, unthresholded.Bias, options.WindowChars, (float)flag, (float)reject);
    }

    public static ValidationFigures Evaluate(InjectionModel model, IReadOnlyList<LabelledPrompt> validation)
    {
        var scored = validation.Select(p => (Prompt: p, Score: (double)model.Score(ModelInput.Normalise(p.Text)).Probability)).ToList();
        var benign = scored.Where(s => !s.Prompt.Injection).Select(s => s.Score).ToList();
        var direct = scored.Where(s => s.Prompt.Injection && s.Prompt.Context == "prompt").Select(s => s.Score).ToList();
        var indirect = scored.Where(s => s.Prompt.Injection && s.Prompt.Context == "document").Select(s => s.Score).ToList();
        var flag = Roc.At(direct, benign, model.FlagThreshold);
        return new ValidationFigures(Roc.Auc([.. direct, .. indirect], benign), flag.Tpr, Roc.At(indirect, benign, model.FlagThreshold).Tpr,
            flag.Fpr, Roc.At(direct, benign, model.RejectThreshold).Fpr);
    }

    /// <summary>The benign validation texts scoring highest and, per source, the share of injections under the flag threshold.</summary>
    public static void WriteErrors(InjectionModel model, IReadOnlyList<LabelledPrompt> validation, TextWriter output)
    {
        var scored = validation.Select(p => (Prompt: p, Score: model.Score(ModelInput.Normalise(p.Text)).Probability)).ToList();
        foreach (var (prompt, score) in scored.Where(s => !s.Prompt.Injection).OrderByDescending(s => s.Score).Take(15))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"benign {score:0.000} {prompt.Source} {prompt.Lang}: {Snippet(prompt.Text)}"));
        }

        foreach (var group in scored.Where(s => s.Prompt.Injection).GroupBy(s => s.Prompt.Source).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var missed = group.Where(s => s.Score < model.FlagThreshold).OrderBy(s => s.Score).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group.Key}: {missed.Count}/{group.Count()} missed"));
            foreach (var (prompt, score) in missed.Take(4))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {score:0.000} {prompt.Lang}: {Snippet(prompt.Payload ?? prompt.Text)}"));
            }
        }
    }

    private static string Snippet(string text) => text.Length <= 160 ? text.ReplaceLineEndings(" ") : text[..160].ReplaceLineEndings(" ") + "…";

    private static List<double> Scores(InjectionModel model, IEnumerable<LabelledPrompt> prompts) =>
        [.. prompts.Select(p => (double)model.Score(ModelInput.Normalise(p.Text)).Probability)];

    private static IEnumerable<FeatureRow> Featurize(IReadOnlyList<LabelledPrompt> prompts, TrainingOptions options)
    {
        var features = new NgramFeatures(options.Bits);
        // Each source weighs as the square root of its size, so large templated sources do not drown the varied small ones.
        var sizes = prompts.GroupBy(p => (p.Source, p.Injection)).ToDictionary(g => g.Key, g => g.Count());
        var mean = prompts.Average(p => 1 / Math.Sqrt(sizes[(p.Source, p.Injection)]));
        foreach (var prompt in prompts)
        {
            var weight = options.BalanceSources ? (float)(1 / Math.Sqrt(sizes[(prompt.Source, prompt.Injection)]) / mean) : 1f;
            foreach (var window in Windows(prompt, options.WindowChars))
            {
                features.Extract(window);
                var slots = features.Slots.Order().ToArray();
                var values = slots.Select(features.Value).ToArray();
                yield return new FeatureRow { Label = prompt.Injection, Weight = weight, Features = new VBuffer<float>(1 << options.Bits, slots.Length, values, slots) };
            }
        }
    }

    /// <summary>
    /// The windows the model will score (see <see cref="InjectionModel.Score"/>): every window of a benign text is a negative;
    /// of a document with a known planted instruction, the windows holding it are the positives; otherwise the whole text.
    /// </summary>
    private static IEnumerable<string> Windows(LabelledPrompt prompt, int size)
    {
        var text = ModelInput.Normalise(prompt.Text);
        if (text.Length <= size)
        {
            return [text];
        }

        var windows = new List<string>();
        for (var start = 0; ; start += size / 2)
        {
            var length = Math.Min(size, text.Length - start);
            windows.Add(text.Substring(start, length));
            if (start + length >= text.Length)
            {
                break;
            }
        }

        if (!prompt.Injection)
        {
            return windows;
        }

        var payload = prompt.Payload is null ? "" : ModelInput.Normalise(prompt.Payload);
        var marker = payload.Length > 40 ? payload[..40] : payload;
        var holding = marker.Length == 0 ? [] : windows.Where(w => w.Contains(marker, StringComparison.Ordinal)).ToList();
        return holding.Count > 0 ? holding : [text];
    }

    private sealed class FeatureRow
    {
        public bool Label { get; set; }

        public float Weight { get; set; }

        public VBuffer<float> Features { get; set; }
    }
}
