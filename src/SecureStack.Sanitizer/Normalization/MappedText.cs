namespace SecureStack.Sanitizer.Normalization;

/// <summary>A derived view of a text in which every character remembers the span of the original it came from.</summary>
internal sealed class MappedText
{
    public MappedText(string text, int[] starts, int[] ends)
    {
        Text = text;
        Starts = starts;
        Ends = ends;
    }

    public string Text { get; }

    /// <summary>Start (inclusive) in the original of each character of <see cref="Text"/>.</summary>
    public int[] Starts { get; }

    /// <summary>End (exclusive) in the original of each character of <see cref="Text"/>.</summary>
    public int[] Ends { get; }

    /// <summary>The original span covered by <paramref name="length"/> view characters from <paramref name="index"/>.</summary>
    public (int Start, int End) ToOriginal(int index, int length)
    {
        if (length <= 0 || Text.Length == 0)
        {
            var at = index < Starts.Length ? Starts[index] : (Ends.Length > 0 ? Ends[^1] : 0);
            return (at, at);
        }

        var last = Math.Min(index + length, Text.Length) - 1;
        return (Starts[index], Math.Max(Starts[index], Ends[last]));
    }
}
