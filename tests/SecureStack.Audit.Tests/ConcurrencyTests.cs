using System.Diagnostics;
using SecureStack.Audit.Chain;

namespace SecureStack.Audit.Tests;

public sealed class ConcurrencyTests
{
    private const int Processes = 4;
    private const int ThreadsPerProcess = 8;
    private const int EventsPerThread = 150;

    [Fact]
    public void Append_FromManyThreadsOfOneProcess_KeepsOneValidChain()
    {
        using var dir = new TestDirectory();
        using (var first = AuditLog.Open(new AuditLogOptions { Path = dir.LogPath, MaxFileBytes = 16 * 1024 }))
        using (var second = AuditLog.Open(new AuditLogOptions { Path = dir.LogPath, MaxFileBytes = 16 * 1024 }))
        {
            Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => (i % 2 == 0 ? first : second).Append(AuditEvents.Sample(i)));
        }

        var numbers = AuditLogReader.ReadAll(dir.LogPath).Where(r => r.EventType == "auth_failure").Select(r => r.DetailNumber("n")).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long?)i), numbers);
        Assert.True(new AuditChainVerifier(null).Verify(dir.LogPath).Intact);
    }

    [Fact]
    public void Append_FromFourProcessesOfEightThreads_KeepsEveryEventOnceInOneValidChain()
    {
        using var dir = new TestDirectory();
        var writers = Enumerable.Range(0, Processes).Select(p => StressWriter.Start(dir.LogPath, $"p{p}", ThreadsPerProcess, EventsPerThread)).ToList();
        foreach (var writer in writers)
        {
            Assert.True(writer.WaitForExit(TimeSpan.FromSeconds(120)), "a writer process did not finish in time");
            Assert.Equal(0, writer.ExitCode);
        }

        var events = AuditLogReader.ReadAll(dir.LogPath).Where(r => r.Action == "stress")
            .Select(r => (r.DetailString("writer"), r.DetailNumber("thread"), r.DetailNumber("n"))).ToList();
        Assert.Equal(Processes * ThreadsPerProcess * EventsPerThread, events.Count);
        Assert.Equal(events.Count, events.Distinct().Count());
        var result = new AuditChainVerifier(null).Verify(dir.LogPath);
        Assert.True(result.Intact, result.Location + " " + result.Reason);
        Assert.True(result.Files > 1, "the stress run should have rotated the log");
    }

    [Fact]
    public void Append_WhileTheWriterIsKilled_LosesNoCompleteRecordAndRecoversOnRestart()
    {
        using var dir = new TestDirectory();
        for (var round = 0; round < 3; round++)
        {
            using var writer = StressWriter.Start(dir.LogPath, $"crash{round}", 4, 0);
            var deadline = Stopwatch.StartNew();
            while (CountCompleteStressRecords(dir.LogPath) < 300 * (round + 1) && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(20);
            }

            writer.Kill();
            Assert.True(writer.WaitForExit(TimeSpan.FromSeconds(10)));
        }

        var completeBeforeRestart = CountCompleteStressRecords(dir.LogPath);
        AuditEvents.Write(dir.LogPath, 1);

        var result = new AuditChainVerifier(null).Verify(dir.LogPath);
        Assert.True(result.Intact, result.Location + " " + result.Reason);
        Assert.Equal(completeBeforeRestart, AuditLogReader.ReadAll(dir.LogPath).Count(r => r.Action == "stress"));
    }

    /// <summary>Complete lines (ending in a newline) written by stress writers, across all segments.</summary>
    private static int CountCompleteStressRecords(string logPath)
    {
        var count = 0;
        foreach (var file in new SecureStack.Audit.Storage.SegmentFiles(logPath).All())
        {
            var bytes = File.ReadAllBytes(file);
            var text = System.Text.Encoding.UTF8.GetString(bytes, 0, bytes.AsSpan().LastIndexOf((byte)'\n') + 1);
            count += text.Split('\n').Count(l => l.Contains("\"action\":\"stress\"", StringComparison.Ordinal));
        }

        return count;
    }
}
