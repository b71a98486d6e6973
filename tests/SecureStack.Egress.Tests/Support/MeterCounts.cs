using System.Diagnostics.Metrics;

namespace SecureStack.Egress.Tests;

/// <summary>Sums what one <see cref="Meter"/> instance's counters recorded, by instrument and one tag's value.</summary>
internal sealed class MeterCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Instrument, string? Value), long> _sums = [];
    private readonly string _tag;

    public MeterCounts(Meter meter, string tag)
    {
        _tag = tag;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // This instance only: other tests' proxies publish instruments of the same names.
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tagValue = null;
            foreach (var pair in tags)
            {
                if (pair.Key == _tag)
                {
                    tagValue = pair.Value as string;
                }
            }

            lock (_sums)
            {
                _sums[(instrument.Name, tagValue)] = _sums.GetValueOrDefault((instrument.Name, tagValue)) + value;
            }
        });
        _listener.Start();
    }

    public long Sum(string instrument, string tagValue)
    {
        lock (_sums)
        {
            return _sums.GetValueOrDefault((instrument, tagValue));
        }
    }

    public void Dispose() => _listener.Dispose();
}
