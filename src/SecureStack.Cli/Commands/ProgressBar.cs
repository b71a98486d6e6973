using SecureStack.Scanner;

namespace SecureStack.Cli.Commands;

/// <summary>A one-line progress bar on a terminal's standard error; silent when not a terminal.</summary>
internal sealed class ProgressBar : IProgress<ScanProgress>, IDisposable
{
    private const int Width = 30;
    private readonly TextWriter _writer;
    private readonly bool _enabled;
    private readonly Lock _lock = new();
    private bool _drawn;

    public ProgressBar(TextWriter writer, bool enabled)
    {
        _writer = writer;
        _enabled = enabled;
    }

    public void Report(ScanProgress value)
    {
        if (!_enabled)
        {
            return;
        }
        lock (_lock)
        {
            var filled = value.Total == 0 ? Width : value.Done * Width / value.Total;
            var name = value.LastSkill.Length > 30 ? value.LastSkill[..30] : value.LastSkill;
            _writer.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {value.Done}/{value.Total} {name,-30}");
            _drawn = true;
        }
    }

    public void Finish()
    {
        lock (_lock)
        {
            if (_drawn)
            {
                _writer.Write("\r" + new string(' ', Width + 50) + "\r");
                _drawn = false;
            }
        }
    }

    public void Dispose() => Finish();
}
