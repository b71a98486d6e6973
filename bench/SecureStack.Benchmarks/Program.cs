using BenchmarkDotNet.Running;
using SecureStack.Benchmarks.Proxy;
using SecureStack.Benchmarks.Scanner;

// bench/proxy/run.sh starts the fake upstream this way; everything else goes to BenchmarkDotNet.
if (args is ["fake-upstream", var port])
{
    await FakeUpstreamHost.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// bench/proxy/run.sh's floor target "yarp": YARP with a static bearer check and nothing else.
if (args is ["minimal-yarp", var listenPort, var upstreamPort, var token])
{
    await MinimalYarpHost.RunAsync(int.Parse(listenPort, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(upstreamPort, System.Globalization.CultureInfo.InvariantCulture), token);
    return;
}

// The scanner's Stopwatch harness (bench/RESULTS.md, Scanner): runs too long for BenchmarkDotNet's in-process toolchain.
if (args is ["scanner-harness", .. var rest])
{
    ScannerHarness.Run(rest is [var count] ? int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

// Deeply nested scripts per language (bench/RESULTS.md, Scanner): the cost must grow linearly with the depth.
if (args is ["scanner-deep", .. var deep])
{
    DeepNestingHarness.Run(deep is [var d, ..] ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : 10_000,
        deep is [_, var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

if (args is ["sanitizer-worst-case"])
{
    SecureStack.Benchmarks.Sanitizer.SanitizerProfileHarness.WorstCase();
    return;
}

// Where the sanitizer's time per prompt goes, stage by stage (bench/RESULTS.md, "Sanitizer throughput").
if (args is ["sanitizer-profile", var prompts, .. var times])
{
    SecureStack.Benchmarks.Sanitizer.SanitizerProfileHarness.Run(prompts,
        times is [var t] ? int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : 2);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
