using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SecureStack.Scanner;
using SecureStack.Scanner.Skills;
using SecureStack.Scanner.TreeSitter;
using static SecureStack.Benchmarks.Scanner.HarnessClock;

namespace SecureStack.Benchmarks.Scanner;

/// <summary>
/// The scanner measured in one process with a Stopwatch and CPU time, each figure next to a baseline taken in the same
/// run. BenchmarkDotNet's in-process toolchain aborts a benchmark whose whole run exceeds its execution timeout
/// (InProcessEmitExecutor.DefaultTimeout, "takes too long to run"), which the 4 MB tree does on the shared machine,
/// and its out-of-process build times out there; this harness has neither limit.
/// Usage: <c>SecureStack.Benchmarks scanner-harness [REPETITIONS]</c>.
/// </summary>
internal static class ScannerHarness
{
    public static void Run(int repetitions)
    {
        var skills = SkillTarget.Expand(BenchPaths.BundledSkills);
        var files = skills.SelectMany(s => Directory.EnumerateFiles(s, "*", SearchOption.AllDirectories)).ToArray();
        var bundledBytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"bundled skills: {skills.Count} skills, {files.Length} files, {bundledBytes / 1024.0:F0} KiB; load average {LoadAverage()}");

        var (scanner, load) = Measure(() => SkillScanner.Create(new ScannerOptions { RulesPath = BenchPaths.Rules }));
        using (scanner)
        {
            Console.WriteLine($"rule load (compile + examples): {load}");
            var (_, cold) = Measure(() => scanner.ScanMany(skills));
            Console.WriteLine($"first scan of all bundled skills (cold: JIT, first parses): {cold}");

            var perSkill = new List<double>();
            for (var r = 0; r < repetitions; r++)
            {
                var (_, floor) = Measure(() => files.Sum(f => SHA256.HashData(File.ReadAllBytes(f))[0]));
                var (_, parallel) = Measure(() => scanner.ScanMany(skills));
                var (_, sequential) = Measure(() =>
                {
                    foreach (var skill in skills)
                    {
                        var watch = Stopwatch.StartNew();
                        scanner.Scan(skill);
                        perSkill.Add(watch.Elapsed.TotalMilliseconds);
                    }
                    return 0;
                });
                Console.WriteLine($"run {r + 1}: read+SHA-256 floor {floor} | scan parallel {parallel} (x{parallel.Wall / floor.Wall:F0}) | scan one thread {sequential} (x{sequential.Wall / floor.Wall:F0})");
            }

            perSkill.Sort();
            Console.WriteLine($"per-skill wall, one thread, {perSkill.Count} scans: p50 {Percentile(perSkill, 0.50):F1} ms, p90 {Percentile(perSkill, 0.90):F1} ms, p99 {Percentile(perSkill, 0.99):F1} ms, max {perSkill[^1]:F1} ms");

            var (root, sources) = LargeJsTree.Create();
            try
            {
                var bytes = sources.Sum(s => (long)Encoding.UTF8.GetByteCount(s));
                var jsFiles = Directory.GetFiles(root, "*.js", SearchOption.AllDirectories);
                Console.WriteLine($"large JS tree: {jsFiles.Length} files, {bytes / 1e6:F2} MB");
                scanner.Scan(root);
                for (var r = 0; r < repetitions; r++)
                {
                    var (_, read) = Measure(() => jsFiles.Sum(f => File.ReadAllBytes(f).Length));
                    var (_, parse) = Measure(() =>
                    {
                        using var parser = new Parser(Grammar.JavaScript, TimeSpan.FromSeconds(60));
                        return sources.Sum(s => { using var tree = parser.Parse(Encoding.UTF8.GetBytes(s)); return tree!.Root.ChildCount; });
                    });
                    var (_, scan) = Measure(() => scanner.Scan(root));
                    Console.WriteLine($"run {r + 1}: read {read} {Rate(bytes, read)} | parse only {parse} {Rate(bytes, parse)} | full scan {scan} {Rate(bytes, scan)} | scan/parse x{scan.Cpu / parse.Cpu:F2} (CPU)");
                }
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }
        Console.WriteLine($"load average at the end {LoadAverage()}");
    }

    private static string Rate(long bytes, Sample sample) =>
        string.Create(CultureInfo.InvariantCulture, $"({bytes / 1e6 / (sample.Wall / 1000):F2} MB/s wall, {bytes / 1e6 / (sample.Cpu / 1000):F2} MB per CPU-s)");

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
