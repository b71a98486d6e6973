using System.Text;
using BenchmarkDotNet.Attributes;
using SecureStack.Scanner;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Benchmarks.Scanner;

/// <summary>
/// Throughput on a large JavaScript tree (about 4 MB in 80 files, <see cref="LargeJsTree"/>): the whole scan against tree-sitter parsing
/// alone (the baseline), so the ratio is the cost of the rules.
/// </summary>
[MemoryDiagnoser]
public class LargeJsTreeBenchmarks
{
    private SkillScanner _scanner = null!;
    private string _root = string.Empty;
    private string[] _sources = [];

    public static long TotalBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        (_root, _sources) = LargeJsTree.Create();
        TotalBytes = _sources.Sum(s => (long)Encoding.UTF8.GetByteCount(s));
        _scanner = SkillScanner.Create(new ScannerOptions { RulesPath = BenchPaths.Rules });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scanner.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "tree-sitter parse only")]
    public int ParseOnly()
    {
        using var parser = new Parser(Grammar.JavaScript, TimeSpan.FromSeconds(30));
        var nodes = 0;
        foreach (var source in _sources)
        {
            using var tree = parser.Parse(Encoding.UTF8.GetBytes(source));
            nodes += tree!.Root.ChildCount;
        }
        return nodes;
    }

    [Benchmark(Description = "full scan (one skill, one thread)")]
    public int Scan() => _scanner.Scan(_root).Findings.Count;
}
