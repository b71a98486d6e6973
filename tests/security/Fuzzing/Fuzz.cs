using CsCheck;
using Xunit.Abstractions;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>
/// Runs one property under the <see cref="FuzzBudget"/>: CsCheck samples for the time budget (a failure is
/// shrunk and reported with the seed that replays it), every input runs under the per-input timeout, and
/// the managed heap may not grow by more than <see cref="FuzzBudget.MaxHeapGrowthBytes"/> over the run (after
/// a short warm-up, so that state built once on first use does not count).
/// </summary>
internal static class Fuzz
{
    public static void Check<T>(Gen<T> gen, Action<T> property, ITestOutputHelper output, Func<T, string>? print = null)
    {
        // Lazily built state (the rules' own regexes, their automata, the classifier's weights) is not growth.
        gen.Sample(input => Warm(() => property(input)), iter: WarmUpInputs, threads: 1);
        var before = HeapBytes();
        gen.Sample(
            input => WithinTimeout(() => property(input)),
            writeLine: output.WriteLine,
            time: FuzzBudget.Seconds,
            threads: 1,
            print: print);
        var growth = HeapBytes() - before;
        Assert.True(growth < FuzzBudget.MaxHeapGrowthBytes,
            $"the managed heap grew by {growth / 1024 / 1024} MiB over the run (bound {FuzzBudget.MaxHeapGrowthBytes / 1024 / 1024} MiB)");
    }

    private const int WarmUpInputs = 50;

    /// <summary>A warm-up input that fails is ignored here: the measured run finds it again and shrinks it.</summary>
    private static void Warm(Action action)
    {
        try
        {
            WithinTimeout(action);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
        }
    }

    /// <summary>A hang becomes a failure (with the input, shrunk by CsCheck) instead of a stuck CI job.</summary>
    private static void WithinTimeout(Action action)
    {
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(FuzzBudget.PerInput))
        {
            throw new TimeoutException($"one input took longer than {FuzzBudget.PerInput.TotalSeconds} s (FUZZ_INPUT_TIMEOUT_SECONDS)");
        }

        task.GetAwaiter().GetResult();
    }

    private static long HeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
