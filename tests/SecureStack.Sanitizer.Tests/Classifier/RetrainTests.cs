using SecureStack.PromptTrainer;
using SecureStack.Sanitizer.Classifier;
using SecureStack.Sanitizer.Tests.Support;
using Xunit.Abstractions;

namespace SecureStack.Sanitizer.Tests.Classifier;

/// <summary>
/// Retraining from the committed data with the committed settings gives the shipped model back (same validation figures,
/// up to the half-precision rounding of the stored weights): the weight file is what the data and the trainer make.
/// One single-threaded ML.NET fit of about 10k rows (several CPU seconds; the reason this test is slower than most).
/// </summary>
public sealed class RetrainTests(ITestOutputHelper output)
{
    [Fact]
    public void Retraining_ReproducesTheShippedModelsValidationFigures()
    {
        var validation = PromptData.Split("validation");
        var retrained = PromptTrainer.PromptTrainer.Train(PromptData.Split("train"), validation, new TrainingOptions());

        var shipped = PromptTrainer.PromptTrainer.Evaluate(InjectionModel.Shipped, validation);
        var again = PromptTrainer.PromptTrainer.Evaluate(retrained, validation);
        output.WriteLine($"shipped:   {shipped}");
        output.WriteLine($"retrained: {again}");

        Assert.Equal(shipped.Auc, again.Auc, 0.005);
        Assert.Equal(shipped.DirectTpr.Value, again.DirectTpr.Value, 0.02);
        Assert.Equal(shipped.IndirectTpr.Value, again.IndirectTpr.Value, 0.02);
        Assert.Equal(shipped.Fpr.Value, again.Fpr.Value, 0.005);
        Assert.Equal(InjectionModel.Shipped.FlagThreshold, retrained.FlagThreshold, 0.01f);
    }
}
