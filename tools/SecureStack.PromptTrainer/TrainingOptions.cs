namespace SecureStack.PromptTrainer;

/// <summary>Hyperparameters of one training run; the defaults are the ones chosen on validation sources.</summary>
public sealed record TrainingOptions
{
    public int Bits { get; init; } = 18;

    public float L2 { get; init; } = 1e-5f;

    public int Iterations { get; init; } = 20;

    public int WindowChars { get; init; } = 256;

    /// <summary>
    /// Flag at most this share of benign validation texts. Not the 1% the issue names: at 1% the project's hard-negative
    /// corpus (near-miss wording such as "ignore my previous instruction and make the button blue") rose to 2.9% false
    /// positives, above its 1% ceiling; 0.3% keeps it at 1.0% (bench/RESULTS.md has both operating points).
    /// </summary>
    public double FlagFpr { get; init; } = 0.003;

    /// <summary>Refuse at most this share of benign validation texts.</summary>
    public double RejectFpr { get; init; } = 0.001;

    public int Seed { get; init; } = 14;

    /// <summary>Weigh each (source, label) group by the square root of its size rather than its size.</summary>
    public bool BalanceSources { get; init; } = true;
}
