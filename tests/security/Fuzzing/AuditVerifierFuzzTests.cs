using System.Text;
using CsCheck;
using SecureStack.Audit;
using SecureStack.Audit.Chain;
using Xunit.Abstractions;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>
/// The audit verifier against logs written by the real <see cref="AuditLog"/>: an untouched log verifies,
/// every mutation of its bytes (flip, delete, swap, duplicate, truncate) is reported, and random bytes as log
/// or head file give a failed verification, never an exception.
/// </summary>
public sealed class AuditVerifierFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] DetailKeys = ["segment", "torn_offset", "through_seq", "last_hash", "reason", "path", "count"];

    private static readonly Gen<object?> DetailValue = Gen.Frequency<object?>(
        (3, FuzzGen.HostileString.Select(s => (object?)s)),
        (2, Gen.Long.Select(n => (object?)n)),
        (1, Gen.Double.Select(d => (object?)(double.IsFinite(d) ? d : 0.5))),
        (1, Gen.Bool.Select(b => (object?)b)),
        (1, Gen.Bool.Select(_ => (object?)null)),
        (1, FuzzGen.HostileString.Array[0, 3].Select(a => (object?)a)));

    private static readonly Gen<AuditEvent> Event = Gen.Select(
        Gen.Enum<AuditEventType>().Where(t => t != AuditEventType.LogTruncated), FuzzGen.HostileString, Gen.Enum<AuditResult>(), Gen.Enum<RiskLevel>(),
        Gen.Select(FuzzGen.HostileString, FuzzGen.HostileString),
        Gen.Select(Gen.OneOfConst(DetailKeys), DetailValue).Array[0, 4],
        (type, action, result, risk, who, details) => new AuditEvent(type, action, result, risk)
        {
            SourceIp = who.Item1.Length % 3 == 0 ? null : who.Item1,
            UserId = who.Item2.Length % 3 == 0 ? null : who.Item2,
            Details = details.Length == 0 ? null : details.DistinctBy(d => d.Item1).ToDictionary(d => d.Item1, d => d.Item2),
        });

    [Fact]
    public void Verify_UntouchedLogOfRandomEvents_IsIntact()
    {
        Fuzz.Check(Event.Array[1, 12], events =>
        {
            using var log = new WrittenLog(events);

            var result = Verify(log.Path);

            Assert.True(result.Intact, $"{result.Location}: {result.Reason}");
            Assert.Equal(log.Lines.Count, result.Records);
        }, output, Show);
    }

    [Fact]
    public void Verify_AnyMutationOfTheLogBytes_IsReported()
    {
        var gen = Gen.Select(Event.Array[2, 10], Gen.Int[0, 4], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Byte[1, 255]);

        Fuzz.Check(gen, t =>
        {
            var (events, kind, a, b, xor) = t;
            using var log = new WrittenLog(events);
            var original = File.ReadAllBytes(log.Path);
            var (mutated, what) = Mutate(original, log.Lines, kind, a, b, xor);
            Assert.False(mutated.AsSpan().SequenceEqual(original), "the generator must change the bytes");
            File.WriteAllBytes(log.Path, mutated);

            var result = Verify(log.Path);

            Assert.False(result.Intact, $"{what} went unnoticed");
            Assert.False(string.IsNullOrEmpty(result.Reason));
        }, output, t => $"{Show(t.Item1)}; mutation {t.Item2} at {t.Item3:F3}/{t.Item4:F3} xor {t.Item5}");
    }

    [Fact]
    public void Verify_RandomBytesAsLogOrHeadFile_FailsWithAReasonNeverAnException()
    {
        var bytes = Gen.Frequency(
            (2, Gen.Byte.Array[0, 400]),
            (2, FuzzGen.HostileString.Select(s => Encoding.UTF8.GetBytes(s))),
            (3, FuzzJson.Value.Select(s => Encoding.UTF8.GetBytes(s + "\n"))),
            (2, Gen.Select(Gen.Long, FuzzJson.Value).Select(t => Encoding.UTF8.GetBytes($"{{\"seq\":{t.Item1},\"hash\":{t.Item2}}}"))),
            (1, Gen.OneOfConst("{\"seq\":1e400,\"hash\":\"00\"}", "{\"seq\":1.5,\"hash\":\"00\"}", "{\"seq\":\"1\"}", "[]", "null").Select(s => Encoding.UTF8.GetBytes(s))));
        var gen = Gen.Select(Event.Array[1, 4], bytes, Gen.Bool);

        Fuzz.Check(gen, t =>
        {
            var (events, junk, asHead) = t;
            using var log = new WrittenLog(events);
            File.WriteAllBytes(asHead ? log.Path + ".head" : log.Path, junk);

            var result = Verify(log.Path);

            Assert.False(result.Intact, "random bytes verified");
            Assert.False(string.IsNullOrEmpty(result.Reason));
        }, output, t => $"{(t.Item3 ? "head" : "log")} = {FrameGen.Show(t.Item2)}");
    }

    private static VerificationResult Verify(string path) => new AuditChainVerifier(null).Verify(path);

    /// <summary>One of five mutations; each changes the bytes (xor with a non-zero byte, lines differ by their seq).</summary>
    private static (byte[] Bytes, string What) Mutate(byte[] bytes, List<byte[]> lines, int kind, double a, double b, byte xor)
    {
        var i = (int)(a * lines.Count) % lines.Count;
        var j = (int)(b * lines.Count) % lines.Count;
        switch (kind)
        {
            case 0:
                var at = (int)(a * bytes.Length) % bytes.Length;
                var flipped = (byte[])bytes.Clone();
                flipped[at] ^= xor;
                return (flipped, $"byte {at} xor {xor}");
            case 1:
                return (Join(lines.Where((_, k) => k != i)), $"deleting line {i + 1}");
            case 2:
                j = i == j ? (i + 1) % lines.Count : j;
                var swapped = lines.ToList();
                (swapped[i], swapped[j]) = (swapped[j], swapped[i]);
                return (Join(swapped), $"swapping lines {i + 1} and {j + 1}");
            case 3:
                var duplicated = lines.ToList();
                duplicated.Insert(j, lines[i]);
                return (Join(duplicated), $"duplicating line {i + 1} before line {j + 1}");
            default:
                var length = (int)(a * bytes.Length) % bytes.Length;
                return (bytes[..length], $"truncating to {length} of {bytes.Length} bytes");
        }
    }

    private static byte[] Join(IEnumerable<byte[]> lines) => [.. lines.SelectMany(l => l)];

    private static string Show(AuditEvent[] events) =>
        string.Join("; ", events.Select(e => $"{e.Type} {e.Action.Length}ch {e.Details?.Count ?? 0} details"));

    /// <summary>A log of the given events written by the real <see cref="AuditLog"/> (closed, so its head file exists).</summary>
    private sealed class WrittenLog : IDisposable
    {
        private readonly DirectoryInfo _dir = FuzzPaths.Scratch("fuzz-verify-");

        public WrittenLog(AuditEvent[] events)
        {
            Path = System.IO.Path.Combine(_dir.FullName, "audit.jsonl");
            using (var log = AuditLog.Open(new AuditLogOptions { Path = Path, RotateDaily = false }))
            {
                foreach (var e in events)
                {
                    log.Append(e);
                }
            }

            var bytes = File.ReadAllBytes(Path);
            Lines = [];
            var start = 0;
            for (var k = 0; k < bytes.Length; k++)
            {
                if (bytes[k] == '\n')
                {
                    Lines.Add(bytes[start..(k + 1)]);
                    start = k + 1;
                }
            }
        }

        public string Path { get; }

        /// <summary>The log's lines with their newlines; a service_start record or similar may come before the events.</summary>
        public List<byte[]> Lines { get; }

        public void Dispose() => _dir.Delete(recursive: true);
    }
}
