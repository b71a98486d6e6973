namespace SecureStack.PromptTrainer;

/// <summary>Hyperparameters of one training run; the defaults are the ones chosen on validation sources.</summary>
public sealed record TrainingOptions
{
    public int Bits { get; init; } = 18;

    public float L2 { get; init; } = 1e-5f;

    public int Iterations { get; init; } = 20;

    public int WindowChars { get; init; } = 512;

    /// <summary>Flag at most this share of benign validation texts.</summary>
    public double FlagFpr { get; init; } = 0.01;

    /// <summary>Refuse at most this share of benign validation texts.</summary>
    public double RejectFpr { get; init; } = 0.002;

    public int Seed { get; init; } = 14;
}
