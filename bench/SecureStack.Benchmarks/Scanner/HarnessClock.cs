using System.Diagnostics;
using System.Globalization;

namespace SecureStack.Benchmarks.Scanner;

/// <summary>Wall and process CPU time of one piece of work, for the Stopwatch harnesses; CPU is the figure to compare on a shared machine.</summary>
internal static class HarnessClock
{
    public static (T Result, Sample Time) Measure<T>(Func<T> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = work();
        var wall = watch.Elapsed;
        process.Refresh();
        return (result, new Sample(wall.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds));
    }

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}

internal readonly record struct Sample(double Wall, double Cpu)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wall:F0} ms wall / {Cpu:F0} ms CPU");
}
