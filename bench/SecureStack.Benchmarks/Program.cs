using BenchmarkDotNet.Running;
using SecureStack.Benchmarks.Proxy;

// bench/proxy/run.sh starts the fake upstream this way; everything else goes to BenchmarkDotNet.
if (args is ["fake-upstream", var port])
{
    await FakeUpstreamHost.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
