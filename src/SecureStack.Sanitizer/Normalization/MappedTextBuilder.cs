namespace SecureStack.Sanitizer.Normalization;

/// <summary>Appends characters with their original spans; grows like a list.</summary>
internal sealed class MappedTextBuilder
{
    private char[] _chars;
    private int[] _starts;
    private int[] _ends;

    public MappedTextBuilder(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        _chars = new char[capacity];
        _starts = new int[capacity];
        _ends = new int[capacity];
    }

    public int Length { get; private set; }

    public char this[int index] => _chars[index];

    public void Append(char c, int start, int end)
    {
        if (Length == _chars.Length)
        {
            var size = _chars.Length * 2;
            Array.Resize(ref _chars, size);
            Array.Resize(ref _starts, size);
            Array.Resize(ref _ends, size);
        }

        _chars[Length] = c;
        _starts[Length] = start;
        _ends[Length] = end;
        Length++;
    }

    public void AppendFrom(MappedTextBuilder source, int index) =>
        Append(source._chars[index], source._starts[index], source._ends[index]);

    public void Replace(int index, char c) => _chars[index] = c;

    public int StartAt(int index) => _starts[index];

    public int EndAt(int index) => _ends[index];

    public MappedText ToMappedText() =>
        new(new string(_chars, 0, Length), _starts[..Length], _ends[..Length]);
}
