using System.Threading.Channels;

namespace SecureStack.Quarantine.Watch;

/// <summary>
/// Watches every skill root: file-system events mark the top-level folder they fall in, the debouncer hands it
/// over once writes have settled, and one worker checks the skills in it (scan, quarantine when flagged). A
/// periodic sweep checks everything, catching lost events and roots that appear later.
/// </summary>
public sealed class SkillWatcher : IAsyncDisposable
{
    private readonly QuarantineManager _manager;
    private readonly WatchOptions _options;
    private readonly TimeProvider _time;
    private readonly Debouncer _debouncer;
    private readonly Channel<string?> _work = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private ITimer? _sweepTimer;

    public SkillWatcher(QuarantineManager manager, WatchOptions options, TimeProvider? time = null)
    {
        options.Validate();
        _manager = manager;
        _options = options;
        _time = time ?? TimeProvider.System;
        _debouncer = new Debouncer(options.Settle, _time, settled =>
        {
            foreach (var path in settled)
            {
                _work.Writer.TryWrite(path);
            }
        });
    }

    /// <summary>Raised on the worker after each skill is checked.</summary>
    public event Action<SkillCheckResult>? Checked;

    /// <summary>Raised on the worker when checking fails; the skill is retried on the next event or sweep.</summary>
    public event Action<string, Exception>? Failed;

    /// <summary>Raised on the worker after each full sweep.</summary>
    public event Action<int>? Swept;

    /// <summary>Starts watching, runs a first sweep, and works until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        AttachWatchers();
        _work.Writer.TryWrite(null);
        _sweepTimer = _time.CreateTimer(_ => _work.Writer.TryWrite(null), null, _options.SweepInterval, _options.SweepInterval);
        try
        {
            await foreach (var item in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item is null)
                {
                    Sweep();
                }
                else
                {
                    CheckUnder(item);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    /// <summary>Marks a path as changed, as a file-system event does (also used by tests to inject lost events).</summary>
    internal void Touch(string changedPath)
    {
        foreach (var root in _manager.Options.SkillRoots)
        {
            if (PathUtil.IsSameOrInside(changedPath, root) && changedPath.Length > root.Length)
            {
                var first = Path.GetRelativePath(root, changedPath).Split(Path.DirectorySeparatorChar)[0];
                _debouncer.Touch(Path.Combine(root, first));
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        if (_sweepTimer is not null)
        {
            await _sweepTimer.DisposeAsync().ConfigureAwait(false);
        }

        _debouncer.Dispose();
        lock (_gate)
        {
            foreach (var watcher in _watchers.Values)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
        }
    }

    private void Sweep()
    {
        AttachWatchers();
        var skills = _manager.Options.SkillRoots.SelectMany(SkillDiscovery.Find).ToList();
        foreach (var skill in skills)
        {
            Check(skill);
        }

        Swept?.Invoke(skills.Count);
    }

    private void CheckUnder(string topLevel)
    {
        var skills = SkillDiscovery.IsSkill(topLevel) ? [topLevel] : SkillDiscovery.Find(topLevel);
        foreach (var skill in skills)
        {
            Check(skill);
        }
    }

    private void Check(string skill)
    {
        try
        {
            var result = _manager.Check(skill);
            Checked?.Invoke(result);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failed?.Invoke(skill, e);
        }
    }

    private void AttachWatchers()
    {
        lock (_gate)
        {
            foreach (var root in _manager.Options.SkillRoots)
            {
                if (_watchers.ContainsKey(root) || !Directory.Exists(root))
                {
                    continue;
                }

                var watcher = new FileSystemWatcher(root)
                {
                    IncludeSubdirectories = true,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size
                        | NotifyFilters.Attributes | NotifyFilters.CreationTime,
                    InternalBufferSize = 64 * 1024,
                };
                watcher.Created += (_, e) => Touch(e.FullPath);
                watcher.Changed += (_, e) => Touch(e.FullPath);
                watcher.Deleted += (_, e) => Touch(e.FullPath);
                watcher.Renamed += (_, e) =>
                {
                    Touch(e.OldFullPath);
                    Touch(e.FullPath);
                };
                // Lost events (overflow) or a removed root: sweep everything now.
                watcher.Error += (_, _) => _work.Writer.TryWrite(null);
                watcher.EnableRaisingEvents = true;
                _watchers[root] = watcher;
            }
        }
    }
}
