using SecureStack.Audit.Chain;
using SecureStack.Audit.Storage;

namespace SecureStack.Audit;

/// <summary>Reads the records of a log and its rotated segments in order, without verifying them.</summary>
public static class AuditLogReader
{
    /// <summary>Every readable record, oldest first; unreadable lines and torn tails are skipped.</summary>
    public static IEnumerable<AuditRecord> ReadAll(string activePath)
    {
        foreach (var path in new SegmentFiles(activePath).All())
        {
            foreach (var line in File.ReadLines(path))
            {
                if (AuditRecordCodec.TryParse(System.Text.Encoding.UTF8.GetBytes(line), null, out var record, out _))
                {
                    yield return record!;
                }
            }
        }
    }
}
