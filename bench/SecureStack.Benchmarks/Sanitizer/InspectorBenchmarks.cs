using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SecureStack.Audit;
using SecureStack.Sanitizer;
using SecureStack.Proxy.Prompts;
using SecureStack.Proxy.Inspection;

namespace SecureStack.Benchmarks.Sanitizer;

/// <summary>Whole-body inspection of clean requests (the common case): a chat completion and a relay request with a 49 KB system prompt.</summary>
[MemoryDiagnoser]
public class InspectorBenchmarks
{
    private static readonly InspectionContext Context = new("bench");
    private RequestInspector _inspector = null!;
    private byte[] _body = [];
    private PromptRoute _route;
    private string _dir = "";
    private AuditLog _audit = null!;

    [Params("chat-completions-1KB", "relay-52KB")]
    public string Body { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("bench-audit-").FullName;
        _audit = AuditLog.Open(new AuditLogOptions { Path = Path.Combine(_dir, "audit.jsonl") });
        _inspector = new RequestInspector(new PromptSanitizer(BenchInputs.Rules, _audit));
        var user = new { role = "user", content = BenchInputs.ChatPrompt };
        if (Body == "relay-52KB")
        {
            _route = PromptRoute.ModelRelay;
            _body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                model = "gpt-4o",
                stream = true,
                messages = new object[] { new { role = "system", content = BenchInputs.Document10K() + BenchInputs.Document10K() + BenchInputs.Document10K() + BenchInputs.Document10K() + BenchInputs.Document10K() }, user },
            });
        }
        else
        {
            _route = PromptRoute.ChatCompletions;
            _body = JsonSerializer.SerializeToUtf8Bytes(new { model = "openclaw", messages = new object[] { new { role = "system", content = new string('s', 600) }, user } });
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _audit.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        using var document = JsonDocument.Parse(_body);
        return document.RootElement.GetProperty("messages").GetArrayLength();
    }

    [Benchmark]
    public InspectionAction Inspect() => _inspector.Inspect(_route, _body, Context).Verdict;
}
