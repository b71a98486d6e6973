using System.Text;
using BenchmarkDotNet.Attributes;
using SecureStack.Scanner;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Benchmarks.Scanner;

/// <summary>
/// Throughput on a large JavaScript tree (about 2 MB in 80 files): the whole scan against tree-sitter parsing
/// alone (the baseline), so the ratio is the cost of the rules.
/// </summary>
[MemoryDiagnoser]
public class LargeJsTreeBenchmarks
{
    private const int Files = 80;
    private SkillScanner _scanner = null!;
    private string _root = string.Empty;
    private string[] _sources = [];

    public static long TotalBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("securestack-bench-js-").FullName;
        File.WriteAllText(Path.Combine(_root, "SKILL.md"), "---\nname: big-js\ndescription: benchmark\n---\n\nRuns lib/*.js.\n");
        _sources = new string[Files];
        for (var i = 0; i < Files; i++)
        {
            _sources[i] = Module(i);
            var path = Path.Combine(_root, "lib", $"m{i / 40}", $"module{i}.js");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, _sources[i]);
        }
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

    [Benchmark(Description = "full scan (parallel)")]
    public int Scan() => _scanner.Scan(_root).Findings.Count;

    private static string Module(int i)
    {
        var builder = new StringBuilder();
        builder.Append("'use strict';\nconst fs = require('fs');\nconst path = require('path');\n");
        for (var f = 0; f < 120; f++)
        {
            builder.Append("function handler").Append(i).Append('_').Append(f).Append("(req, res, next) {\n")
                .Append("  const items = req.body.items.map((x, k) => ({ id: x.id + k, label: `item ${x.name}`, tags: [...x.tags, 'v").Append(f).Append("'] }));\n")
                .Append("  if (!items.length) { return next(new Error('empty ' + req.url)); }\n")
                .Append("  const file = path.join(__dirname, 'data', String(items[0].id) + '.json');\n")
                .Append("  fs.promises.readFile(file, 'utf8').then(JSON.parse).then(d => res.json({ ok: true, d, n: items.length })).catch(next);\n")
                .Append("}\n");
        }
        builder.Append("module.exports = { handler").Append(i).Append("_0 };\n");
        return builder.ToString();
    }
}
