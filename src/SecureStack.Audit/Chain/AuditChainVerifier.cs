using SecureStack.Audit.Storage;

namespace SecureStack.Audit.Chain;

/// <summary>
/// Checks a log and its rotated segments as one chain: every record's own hash, the sequence and the
/// links between records and files, torn tails (accepted only where the next segment records the
/// damage), pruned beginnings (accepted only where a <c>log_pruned</c> record accounts for them), the
/// head file (against truncation; its HMAC with a key) and any truncation the writer recorded. Stops at
/// the first problem. Without a key, a log whose head file says HMAC-SHA256 (or whose records all fail
/// plain SHA-256 while linking up) is checked for sequence and links only, and the result says a key is needed.
/// </summary>
public sealed class AuditChainVerifier(byte[]? hmacKey)
{
    private readonly ChainHasher _sha256 = new(null);
    private readonly ChainHasher? _keyed = hmacKey is null ? null : new ChainHasher(hmacKey);

    /// <summary>Verifies the log whose active file is <paramref name="activePath"/>.</summary>
    /// <param name="headPath">Head file to check against; null uses <c>&lt;activePath&gt;.head</c>.</param>
    public VerificationResult Verify(string activePath, string? headPath = null)
    {
        var files = new SegmentFiles(activePath);
        var segments = files.All();
        if (segments.Count == 0)
        {
            return Fail(activePath, 0, "no audit log here", 0, 0);
        }

        headPath ??= files.ActivePath + ".head";
        StoredHead? stored;
        try
        {
            stored = HeadFile.Read(headPath);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Fail(headPath, 0, "the head file is unreadable: " + ex.Message, 0, segments.Count);
        }

        if (hmacKey is not null)
        {
            if (stored is not null && HeadFile.Distrust(stored, hmacKey) is { } distrust)
            {
                return Fail(headPath, 0, distrust, 0, segments.Count);
            }

            return Run(files, segments, stored, headPath, _keyed, ChainAlgorithm.HmacSha256);
        }

        if (stored?.Algorithm == HeadFile.HmacSha256)
        {
            return Run(files, segments, stored, headPath, null, ChainAlgorithm.HmacSha256WithoutKey);
        }

        var plain = Run(files, segments, stored, headPath, _sha256, ChainAlgorithm.Sha256);
        if (plain.Intact || stored?.Algorithm == HeadFile.Sha256 || plain.Records > 0 || !plain.HashMismatch)
        {
            return plain;
        }

        // The first record fails plain SHA-256 and the head file (old, or missing) does not name the algorithm:
        // an HMAC chain if every record links up and none matches SHA-256, else tampering as first reported.
        var links = Run(files, segments, stored, headPath, null, ChainAlgorithm.HmacSha256WithoutKey);
        return links.Intact ? links : plain;
    }

    private VerificationResult Run(SegmentFiles files, IReadOnlyList<string> segments, StoredHead? stored, string headPath, ChainHasher? hasher, ChainAlgorithm algorithm)
    {
        var state = new ChainState(stored?.Head.Seq, hasher, algorithm);
        for (var i = 0; i < segments.Count; i++)
        {
            var path = segments[i];
            var isActive = path == files.ActivePath;
            var problem = VerifySegment(path, isActive, i > 0 ? segments[i - 1] : null, files, state);
            if (problem is not null)
            {
                return problem with { Records = state.Records, Files = segments.Count, Algorithm = algorithm };
            }
        }

        var result = Finish(files, segments, stored, headPath, state);
        return result with { Algorithm = algorithm };
    }

    private static VerificationResult Finish(SegmentFiles files, IReadOnlyList<string> segments, StoredHead? stored, string headPath, ChainState state)
    {
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

        if (segments[^1] != files.ActivePath)
        {
            return Fail(files.ActivePath, 0, "the active file is missing beside rotated ones: it was deleted with the records after the last rotation",
                state.Records, segments.Count);
        }

        if (stored is null)
        {
            return state.Records == 0
                ? new VerificationResult(true, 0, segments.Count)
                : Fail(headPath, 0, "the head file is missing: writers keep one from the first open, so it was deleted (with the records it vouched for?); "
                    + "if it lives elsewhere, pass --head or set AUDIT_HEAD_PATH", state.Records, segments.Count);
        }

        return CheckHead(stored.Head, headPath, state, segments.Count) ?? new VerificationResult(true, state.Records, segments.Count);
    }

    private static VerificationResult? VerifySegment(string path, bool isActive, string? previousSegment, SegmentFiles files, ChainState state)
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

            var problem = VerifyRecord(span[..newline], path, lineNo, firstInFile, isActive, previousSegment, files, state);
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

    private static VerificationResult? VerifyRecord(
        ReadOnlySpan<byte> line, string path, int lineNo, bool firstInFile, bool isActive, string? previousSegment, SegmentFiles files, ChainState state)
    {
        if (!AuditRecordCodec.TryDecode(line, state.Hasher, out var record, out var error))
        {
            var hint = state.Algorithm == ChainAlgorithm.HmacSha256 ? " (is AUDIT_HMAC_KEY the key the log was written with?)" : "";
            return Fail(path, lineNo, error + hint, state.Records, 0) with { HashMismatch = state.Hasher is not null && error.StartsWith("hash does not match", StringComparison.Ordinal) };
        }

        if (state.Hasher is null && AuditRecordCodec.TryDecode(line, state.Sha256, out _, out _))
        {
            return Fail(path, lineNo, "a record in an HMAC-SHA256 chain has a plain SHA-256 hash: it was forged by someone without the key", state.Records, 0);
        }

        if (record!.EventType == "log_truncated")
        {
            return Fail(path, lineNo, $"the writer found the log cut short when it opened it ({record.Action}; the tail was at seq {record.DetailNumber("tail_seq")}): "
                + "records were deleted or the head file was tampered with. Keep this log as evidence; the chain continues from the known head", state.Records, 0);
        }

        if (firstInFile && isActive && previousSegment is not null
            && !(record.EventType is "log_rotated" or "log_damaged" && record.DetailString("segment") == Path.GetFileName(previousSegment)))
        {
            return Fail(path, lineNo, $"the active file does not begin with the record of the rotation to {Path.GetFileName(previousSegment)}: "
                + "it was deleted or replaced, with the records after that rotation", state.Records, 0);
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

    private sealed class ChainState(long? headSeq, ChainHasher? hasher, ChainAlgorithm algorithm)
    {
        public ChainHasher? Hasher => hasher;

        public ChainHasher Sha256 { get; } = new(null);

        public ChainAlgorithm Algorithm => algorithm;

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
