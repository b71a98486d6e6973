using SecureStack.Audit.Storage;

namespace SecureStack.Audit.Chain;

/// <summary>
/// Checks a log and its rotated segments as one chain: every record's own hash, the sequence and the
/// links between records and files, torn tails (accepted only where the next segment records the
/// damage), pruned beginnings (accepted only where a <c>log_pruned</c> record accounts for them) and the
/// head file (against truncation). Stops at the first problem.
/// </summary>
public sealed class AuditChainVerifier(byte[]? hmacKey)
{
    private readonly ChainHasher _hasher = new(hmacKey);

    /// <summary>Verifies the log whose active file is <paramref name="activePath"/>.</summary>
    /// <param name="headPath">Head file to check against; null uses <c>&lt;activePath&gt;.head</c> when it exists.</param>
    public VerificationResult Verify(string activePath, string? headPath = null)
    {
        var files = new SegmentFiles(activePath);
        var segments = files.All();
        if (segments.Count == 0)
        {
            return Fail(activePath, 0, "no audit log here", 0, 0);
        }

        headPath ??= files.ActivePath + ".head";
        ChainHead? head;
        try
        {
            head = HeadFile.Read(headPath);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Fail(headPath, 0, "the head file is unreadable: " + ex.Message, 0, segments.Count);
        }

        var state = new ChainState(head?.Seq);
        for (var i = 0; i < segments.Count; i++)
        {
            var path = segments[i];
            var isActive = path == files.ActivePath;
            var problem = VerifySegment(path, isActive, files, state);
            if (problem is not null)
            {
                return problem with { Records = state.Records, Files = segments.Count };
            }
        }

        if (state.UnexplainedStart is { } start)
        {
            return Fail(start.File, 1, $"the chain starts at seq {start.Seq} and no log_pruned record accounts for the records before it: a rotated file was deleted",
                state.Records, segments.Count);
        }

        if (state.PendingTorn is { } torn)
        {
            return Fail(torn.File, torn.Line, "the file ends in an incomplete record and no log_damaged record follows it (a crash not yet recovered, or truncation)",
                state.Records, segments.Count);
        }

        return CheckHead(head, headPath, state, segments.Count) ?? new VerificationResult(true, state.Records, segments.Count);
    }

    private VerificationResult? VerifySegment(string path, bool isActive, SegmentFiles files, ChainState state)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot read {path}: {ex.Message}", ex);
        }

        var span = bytes.AsSpan();
        var lineNo = 0;
        long offset = 0;
        var firstInFile = true;
        while (!span.IsEmpty)
        {
            lineNo++;
            var newline = span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                state.PendingTorn = new TornTail(path, lineNo, offset);
                break;
            }

            var problem = VerifyRecord(span[..newline], path, lineNo, firstInFile, isActive, files, state);
            if (problem is not null)
            {
                return problem;
            }

            firstInFile = false;
            offset += newline + 1;
            span = span[(newline + 1)..];
        }

        return null;
    }

    private VerificationResult? VerifyRecord(ReadOnlySpan<byte> line, string path, int lineNo, bool firstInFile, bool isActive, SegmentFiles files, ChainState state)
    {
        if (!AuditRecordCodec.TryDecode(line, _hasher, out var record, out var error))
        {
            return Fail(path, lineNo, error + (hmacKey is null ? "" : " (is AUDIT_HMAC_KEY the key the log was written with?)"), state.Records, 0);
        }

        if (state.PendingTorn is { } torn)
        {
            if (!firstInFile || record!.EventType != "log_damaged"
                || record.DetailString("segment") != Path.GetFileName(torn.File) || record.DetailNumber("torn_offset") != torn.Offset)
            {
                return Fail(torn.File, torn.Line, "the file ends in an incomplete record that no log_damaged record accounts for", state.Records, 0);
            }

            state.PendingTorn = null;
        }

        if (firstInFile && !isActive && Path.GetFileName(path) != Path.GetFileName(files.SegmentPath(record!.Seq)))
        {
            return Fail(path, lineNo, $"the file name does not match its first record (seq {record.Seq}): segments were renamed", state.Records, 0);
        }

        if (state.Last is null)
        {
            if (record!.Seq != 1 || record.Prev != ChainHasher.Genesis)
            {
                state.UnexplainedStart = new ChainStart(path, record.Seq, record.Prev);
            }
        }
        else if (record!.Seq != state.Last.Seq + 1)
        {
            return Fail(path, lineNo, $"sequence jumps from {state.Last.Seq} to {record.Seq}: records were deleted, inserted or reordered", state.Records, 0);
        }
        else if (record.Prev != state.Last.Hash)
        {
            return Fail(path, lineNo, "prev does not match the hash of the previous record: the chain is broken here", state.Records, 0);
        }

        if (record.EventType == "log_pruned" && state.UnexplainedStart is { } start
            && record.DetailNumber("through_seq") == start.Seq - 1 && record.DetailString("last_hash") == start.Prev)
        {
            state.UnexplainedStart = null;
        }

        state.Last = new ChainHead(record.Seq, record.Hash, record.Timestamp);
        state.Records++;
        return null;
    }

    private static VerificationResult? CheckHead(ChainHead? head, string headPath, ChainState state, int files)
    {
        if (head is null)
        {
            return null;
        }

        var lastSeq = state.Last?.Seq ?? 0;
        if (lastSeq < head.Seq)
        {
            return Fail(headPath, 0, $"the log ends at seq {lastSeq} but the head file records seq {head.Seq}: the tail was cut off", state.Records, files);
        }

        return state.HashAtHead is { } hash && hash != head.Hash
            ? Fail(headPath, 0, $"record seq {head.Seq} does not match the head file: the log was rewritten", state.Records, files)
            : null;
    }

    private static VerificationResult Fail(string file, int line, string reason, long records, int files) =>
        new(false, records, files) { File = file, Line = line, Reason = reason };

    private sealed record TornTail(string File, int Line, long Offset);

    private sealed record ChainStart(string File, long Seq, string Prev);

    private sealed class ChainState(long? headSeq)
    {
        public ChainHead? Last
        {
            get;
            set
            {
                field = value;
                if (value is not null && value.Seq == headSeq)
                {
                    HashAtHead = value.Hash;
                }
            }
        }

        public string? HashAtHead { get; private set; }

        public long Records { get; set; }

        public TornTail? PendingTorn { get; set; }

        public ChainStart? UnexplainedStart { get; set; }
    }
}
