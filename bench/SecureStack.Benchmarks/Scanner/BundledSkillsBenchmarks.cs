using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SecureStack.Scanner;
using SecureStack.Scanner.Skills;

namespace SecureStack.Benchmarks.Scanner;

/// <summary>
/// Scanning all 51 skills bundled with OpenClaw (target: under 1 s), against the floor of reading and hashing
/// the same files in the same run.
/// </summary>
[MemoryDiagnoser]
public class BundledSkillsBenchmarks
{
    private SkillScanner _scanner = null!;
    private IReadOnlyList<string> _skills = [];
    private string[] _files = [];

    [GlobalSetup]
    public void Setup()
    {
        _scanner = SkillScanner.Create(new ScannerOptions { RulesPath = BenchPaths.Rules });
        _skills = SkillTarget.Expand(BenchPaths.BundledSkills);
        if (_skills.Count != 51)
        {
            throw new InvalidOperationException($"expected 51 bundled skills under {BenchPaths.BundledSkills}; run scripts/install-test-deps.sh");
        }
        _files = [.. _skills.SelectMany(s => Directory.EnumerateFiles(s, "*", SearchOption.AllDirectories))];
    }

    [GlobalCleanup]
    public void Cleanup() => _scanner.Dispose();

    [Benchmark(Baseline = true, Description = "read+SHA-256 all files (floor)")]
    public int ReadAndHash()
    {
        var total = 0;
        foreach (var file in _files)
        {
            total += SHA256.HashData(File.ReadAllBytes(file))[0];
        }
        return total;
    }

    [Benchmark(Description = "scan 51 bundled skills (parallel)")]
    public int ScanAllParallel() => _scanner.ScanMany(_skills).Sum(r => r.Findings.Count);

    [Benchmark(Description = "scan 51 bundled skills (one thread)")]
    public int ScanAllSequential()
    {
        var total = 0;
        foreach (var skill in _skills)
        {
            total += _scanner.Scan(skill).Findings.Count;
        }
        return total;
    }
}
