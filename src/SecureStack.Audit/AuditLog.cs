using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using SecureStack.Audit.Chain;
using SecureStack.Audit.Storage;

namespace SecureStack.Audit;

/// <summary>
/// The hash-chained JSON Lines audit log. One instance per process; every append takes an OS file
/// lock and re-reads the chain head from the file, so several processes append to one valid chain.
/// Rotation, pruning, torn-tail recovery and checkpoints happen inside the append, under that lock.
/// A tail that is behind the head file (or behind what this writer already saw) is never adopted: a
/// high-risk <c>log_truncated</c> record, chained from the known head, says so first.
/// </summary>
public sealed class AuditLog : IAuditLog, IDisposable
{
    private const UnixFileMode LogFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private const UnixFileMode RotatedFileMode = UnixFileMode.UserRead | UnixFileMode.GroupRead;

    private readonly AuditLogOptions _options;
    private readonly SegmentFiles _files;
    private readonly ChainHasher _hasher;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ITimer? _fsyncTimer;
    private DateTimeOffset _lastCheckpoint;
    private DateTimeOffset _lastFsync;
    private bool _dirty;
    private bool _unsyncedSinceCheckpoint;
    private bool _disposed;

    /// <summary>The newest head this writer knows of: the head file at open, then every record it reads or writes.</summary>
    private ChainHead? _known;
    private bool _headFileRead;

    private AuditLog(AuditLogOptions options, TimeProvider time)
    {
        _options = options;
        _files = new SegmentFiles(options.Path);
        _hasher = new ChainHasher(options.HmacKey);
        _time = time;
        _lastCheckpoint = _lastFsync = time.GetUtcNow();
        if (options.Fsync == FsyncPolicy.Interval)
        {
            _fsyncTimer = time.CreateTimer(_ => FlushIfDirty(), null, options.FsyncInterval, options.FsyncInterval);
        }
    }

    public string Path => _files.ActivePath;

    /// <summary>Opens (creating if needed) the log and checks it can be written: a log that cannot take events fails here.</summary>
    public static AuditLog Open(AuditLogOptions options, TimeProvider? time = null)
    {
        options.Validate();
        var log = new AuditLog(options, time ?? TimeProvider.System);
        try
        {
            // Every log has a head file from its first open, so a missing one means it was deleted.
            log.WithLockedActiveFile((file, head) =>
            {
                RandomAccess.FlushToDisk(file);
                HeadFile.Write(options.EffectiveHeadPath, head, options.HmacKey);
            });
        }
        catch
        {
            log.Dispose();
            throw;
        }

        return log;
    }

    public void Append(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        // Only the log records its own truncation: the verifier fails any log that holds one.
        ArgumentOutOfRangeException.ThrowIfEqual(auditEvent.Type, AuditEventType.LogTruncated);
        WithLockedActiveFile((file, head) =>
        {
            var now = _time.GetUtcNow();
            head = Write(file, head, auditEvent, now);
            if (now - _lastCheckpoint >= _options.CheckpointPeriod)
            {
                Checkpoint(file, head, now);
            }

            if (_options.Fsync == FsyncPolicy.EveryEvent || now - _lastFsync >= _options.FsyncInterval)
            {
                RandomAccess.FlushToDisk(file);
                _lastFsync = now;
                _dirty = false;
            }
            else
            {
                _dirty = true;
            }
        });
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _fsyncTimer?.Dispose();
        try
        {
            if (_unsyncedSinceCheckpoint)
            {
                WithLockedActiveFile((file, head) =>
                {
                    RandomAccess.FlushToDisk(file);
                    HeadFile.Write(_options.EffectiveHeadPath, head, _options.HmacKey);
                }, allowDisposed: true);
            }
        }
        catch (AuditLogUnavailableException)
        {
            // Shutting down with an unwritable log: the last appends already reported the failure.
        }
    }

    /// <summary>Runs <paramref name="action"/> on the active file with both locks held and the tail in order.</summary>
    private void WithLockedActiveFile(Action<SafeFileHandle, ChainHead> action, bool allowDisposed = false)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed && !allowDisposed, this);
            try
            {
                Directory.CreateDirectory(_files.Directory);
                using var fileLock = FileLock.Acquire(_files.LockPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
                var file = OpenActive();
                try
                {
                    var head = PrepareTail(ref file);
                    action(file, head);
                }
                finally
                {
                    file.Dispose();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new AuditLogUnavailableException($"audit log {_files.ActivePath} cannot be written: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Finds the chain head, recovering a torn tail, recording truncation or rotating first when needed.</summary>
    private ChainHead PrepareTail(ref SafeFileHandle file)
    {
        var tail = LogTail.Read(file);
        var head = tail.LastLine is { } line
            ? ChainHead.FromLine(line) ?? throw new IOException("its last record is unreadable; run 'securestack audit verify'")
            : PreviousSegmentHead();
        var now = _time.GetUtcNow();
        var tailHead = head;
        var broken = CheckContinuity(tailHead, activeEmpty: tail.LastLine is null && !tail.IsTorn, out var anchor);

        if (tail.IsTorn)
        {
            var segment = RotateOut(file, head);
            file = OpenActive();
            var details = new Dictionary<string, object?>
            {
                ["segment"] = System.IO.Path.GetFileName(segment),
                ["torn_offset"] = tail.TornOffset,
                ["torn_bytes"] = tail.TornLength,
            };
            head = WriteFirst(file, segment, head, new AuditEvent(AuditEventType.LogDamaged, "recover_torn_tail", AuditResult.Failure, RiskLevel.High) { Details = details }, now);
            return broken is null ? head : RecordTruncation(file, anchor ?? head, tailHead, broken, now);
        }

        if (broken is not null)
        {
            head = RecordTruncation(file, anchor ?? head, tailHead, broken, now);
        }

        var length = RandomAccess.GetLength(file);
        var sizeDue = length >= _options.MaxFileBytes;
        var dayDue = _options.RotateDaily && length > 0 && head.Timestamp is { } last && last.UtcDateTime.Date < now.UtcDateTime.Date;
        if (!sizeDue && !dayDue)
        {
            return head;
        }

        var rotated = RotateOut(file, head);
        file = OpenActive();
        head = WriteFirst(file, rotated, head, new AuditEvent(AuditEventType.LogRotated, "rotate", AuditResult.Success, RiskLevel.Info)
        {
            Details = new Dictionary<string, object?> { ["segment"] = System.IO.Path.GetFileName(rotated), ["reason"] = sizeDue ? "size" : "day" },
        }, now);
        return Prune(file, head, now);
    }

    /// <summary>
    /// Compares the tail with the newest head known (the head file on first use). Returns why the tail cannot be
    /// adopted (behind the known head, its head record rewritten, a missing or untrustworthy head file, an emptied
    /// active file beside rotated ones), with the known head to chain from when there is one; null when it is fine.
    /// </summary>
    private string? CheckContinuity(ChainHead tail, bool activeEmpty, out ChainHead? anchor)
    {
        anchor = null;
        string? reason = null;
        if (!_headFileRead)
        {
            (_known, reason) = ReadHeadFile(tail);
            _headFileRead = true;
        }

        if (_known is { } known && (tail.Seq < known.Seq || (tail.Seq == known.Seq && tail.Hash != known.Hash)))
        {
            anchor = known;
            return tail.Seq < known.Seq ? "tail_behind_head" : "head_record_rewritten";
        }

        // Rotation writes the new active file's first record under the same lock, so an empty one beside rotated
        // files was deleted or emptied.
        reason ??= activeEmpty && tail.Seq > 0 ? "active_file_emptied" : null;
        if (reason is null)
        {
            _known = tail;
        }

        return reason;
    }

    private ChainHead RecordTruncation(SafeFileHandle file, ChainHead anchor, ChainHead tail, string reason, DateTimeOffset now) =>
        Write(file, anchor, new AuditEvent(AuditEventType.LogTruncated, reason, AuditResult.Failure, RiskLevel.High)
        {
            Details = new Dictionary<string, object?>
            {
                ["tail_seq"] = tail.Seq,
                ["tail_hash"] = tail.Hash,
                ["chained_from_seq"] = anchor.Seq,
                ["head_file"] = _options.EffectiveHeadPath,
            },
        }, now);

    /// <summary>The head file's head when it can be trusted, else why not (null reason for a new log without one).</summary>
    private (ChainHead? Head, string? Problem) ReadHeadFile(ChainHead tail)
    {
        StoredHead? stored;
        try
        {
            stored = HeadFile.Read(_options.EffectiveHeadPath);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (null, "head_file_unreadable");
        }

        if (stored is null)
        {
            return (null, tail.Seq > 0 ? "head_file_missing" : null);
        }

        var algorithm = _options.HmacKey is null ? HeadFile.Sha256 : HeadFile.HmacSha256;
        if (stored.Algorithm is { } written && written != algorithm)
        {
            throw new IOException(written == HeadFile.HmacSha256
                ? $"its head file {_options.EffectiveHeadPath} says the chain is HMAC-SHA256 but AUDIT_HMAC_KEY is not set: set it to the key the log was written with"
                : $"its head file {_options.EffectiveHeadPath} says the chain is plain SHA-256 but AUDIT_HMAC_KEY is set: unset it, or move the old log aside and start a new one");
        }

        return HeadFile.Distrust(stored, _options.HmacKey) is null ? (stored.Head, null) : (null, "head_file_invalid");
    }

    /// <summary>Renames the active file to its segment name and makes it read-only.</summary>
    private string RotateOut(SafeFileHandle file, ChainHead head)
    {
        var first = LogTail.FirstLine(file) is { } firstLine && ChainHead.FromLine(firstLine) is { } h ? h.Seq : head.Seq + 1;
        RandomAccess.FlushToDisk(file);
        file.Dispose();
        var segment = _files.SegmentPath(first);
        File.Move(_files.ActivePath, segment);
        File.SetUnixFileMode(segment, RotatedFileMode);
        return segment;
    }

    /// <summary>
    /// Writes the record that explains a rotation into the new active file. When it cannot be written (volume
    /// full) the rotation is undone, so the next append retries it rather than leaving a segment nothing explains.
    /// </summary>
    private ChainHead WriteFirst(SafeFileHandle file, string segment, ChainHead head, AuditEvent auditEvent, DateTimeOffset now)
    {
        try
        {
            return Write(file, head, auditEvent, now);
        }
        catch (IOException)
        {
            file.Dispose();
            File.Delete(_files.ActivePath);
            File.Move(segment, _files.ActivePath);
            File.SetUnixFileMode(_files.ActivePath, LogFileMode);
            throw;
        }
    }

    /// <summary>Deletes the oldest rotated segments past retention, and records that it did.</summary>
    private ChainHead Prune(SafeFileHandle file, ChainHead head, DateTimeOffset now)
    {
        var cutoff = now.UtcDateTime - TimeSpan.FromDays(_options.RetentionDays);
        var expired = _files.Rotated().TakeWhile(p => File.GetLastWriteTimeUtc(p) < cutoff).ToList();
        if (expired.Count == 0)
        {
            return head;
        }

        var last = ReadHead(expired[^1]);
        foreach (var path in expired)
        {
            File.Delete(path);
        }

        return Write(file, head, new AuditEvent(AuditEventType.LogPruned, "prune", AuditResult.Success, RiskLevel.Info)
        {
            Details = new Dictionary<string, object?>
            {
                ["files"] = expired.Select(System.IO.Path.GetFileName).ToArray(),
                ["through_seq"] = last.Seq,
                ["last_hash"] = last.Hash,
                ["retention_days"] = _options.RetentionDays,
            },
        }, now);
    }

    /// <summary>A checkpoint record in the chain, and the head hash in the second location.</summary>
    private void Checkpoint(SafeFileHandle file, ChainHead head, DateTimeOffset now)
    {
        head = Write(file, head, new AuditEvent(AuditEventType.LogCheckpoint, "checkpoint", AuditResult.Success, RiskLevel.Info)
        {
            Details = new Dictionary<string, object?> { ["through_seq"] = head.Seq, ["through_hash"] = head.Hash },
        }, now);
        RandomAccess.FlushToDisk(file);
        HeadFile.Write(_options.EffectiveHeadPath, head, _options.HmacKey);
        _lastCheckpoint = now;
        _unsyncedSinceCheckpoint = false;
    }

    private ChainHead Write(SafeFileHandle file, ChainHead head, AuditEvent auditEvent, DateTimeOffset now)
    {
        var seq = head.Seq + 1;
        var line = AuditRecordCodec.Encode(auditEvent, seq, now, head.Hash, _hasher, out var hash);
        RandomAccess.Write(file, line, RandomAccess.GetLength(file));
        _unsyncedSinceCheckpoint = true;
        _known = new ChainHead(seq, hash, now);
        return _known;
    }

    private ChainHead PreviousSegmentHead() =>
        _files.Rotated() is { Count: > 0 } rotated ? ReadHead(rotated[^1]) : ChainHead.Genesis;

    private static ChainHead ReadHead(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return LogTail.Read(handle).LastLine is { } line && ChainHead.FromLine(line) is { } head
            ? head
            : throw new IOException($"rotated segment {path} has no readable last record");
    }

    private SafeFileHandle OpenActive() =>
        new FileStream(_files.ActivePath, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            UnixCreateMode = LogFileMode,
        }).SafeFileHandle;

    private void FlushIfDirty()
    {
        lock (_gate)
        {
            if (!_dirty || _disposed)
            {
                return;
            }

            try
            {
                using var handle = File.OpenHandle(_files.ActivePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                RandomAccess.FlushToDisk(handle);
                _dirty = false;
                _lastFsync = _time.GetUtcNow();
            }
            catch (IOException)
            {
                // The next append reports the failure to its caller.
            }
        }
    }
}
