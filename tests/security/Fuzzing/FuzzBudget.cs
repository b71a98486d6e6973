namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>
/// The bounds of every fuzz property, from the environment so CI stays short and a developer can run longer:
/// <c>FUZZ_SECONDS</c> per property (default 3: the folder's 19 properties and regressions take about 75 s in CI),
/// <c>FUZZ_INPUT_TIMEOUT_SECONDS</c> per input (default 10: far above any sane input, far below a hang).
/// </summary>
internal static class FuzzBudget
{
    /// <summary>Growth of the managed heap over one property run (after full collections) that counts as a leak.</summary>
    public const long MaxHeapGrowthBytes = 64L * 1024 * 1024;

    public static int Seconds { get; } = Positive("FUZZ_SECONDS", 3);

    public static TimeSpan PerInput { get; } = TimeSpan.FromSeconds(Positive("FUZZ_INPUT_TIMEOUT_SECONDS", 10));

    private static int Positive(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
