namespace SecureStack.Sanitizer.Classifier;

/// <summary>
/// Hashed features of a normalised text: character 3–5-grams (any script, no tokenizer) and word uni- and bigrams,
/// each hashed (FNV-1a) into 2^bits slots. A slot's value is sqrt(count)/sqrt(total), so the vector has unit length
/// and a long text does not outweigh a short one. The trainer and <see cref="InjectionModel"/> share this code.
/// </summary>
public sealed class NgramFeatures
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private const uint WordSeed = 0x9E3779B9;
    private const uint BigramSeed = 0x85EBCA6B;
    private const int MinChars = 3;
    private const int MaxChars = 5;

    private readonly int[] _counts;
    private readonly List<int> _touched = [];
    private readonly int _mask;
    private int _total;

    public NgramFeatures(int bits)
    {
        if (bits is < 10 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "hash bits must be between 10 and 24");
        }

        Bits = bits;
        _counts = new int[1 << bits];
        _mask = (1 << bits) - 1;
    }

    public int Bits { get; }

    /// <summary>Slots set by the last <see cref="Extract"/>, in first-seen order.</summary>
    public IReadOnlyList<int> Slots => _touched;

    /// <summary>The value of a slot set by the last <see cref="Extract"/>.</summary>
    public float Value(int slot) => MathF.Sqrt(_counts[slot]) / MathF.Sqrt(_total);

    /// <summary>Counts the n-grams of <paramref name="text"/> (already normalised: lower case, single spaces).</summary>
    public void Extract(ReadOnlySpan<char> text)
    {
        foreach (var slot in _touched)
        {
            _counts[slot] = 0;
        }

        _touched.Clear();
        _total = 0;
        CharacterGrams(text);
        WordGrams(text);
        if (_total == 0)
        {
            Add(FnvOffset);
        }
    }

    /// <summary>The linear score bias + Σ weight·value of the last extracted text.</summary>
    public float Dot(float[] weights, float bias)
    {
        var sum = 0f;
        foreach (var slot in _touched)
        {
            sum += weights[slot] * MathF.Sqrt(_counts[slot]);
        }

        return bias + (sum / MathF.Sqrt(_total));
    }

    // A space either side, so the first and last letters of the text form n-grams as word edges do.
    private void CharacterGrams(ReadOnlySpan<char> text)
    {
        for (var i = -1; i < text.Length; i++)
        {
            var hash = FnvOffset;
            for (var n = 1; n <= MaxChars && i + n - 1 <= text.Length; n++)
            {
                var at = i + n - 1;
                var c = at < 0 || at >= text.Length ? ' ' : text[at];
                hash = (hash ^ c) * FnvPrime;
                if (n >= MinChars)
                {
                    Add(hash);
                }
            }
        }
    }

    private void WordGrams(ReadOnlySpan<char> text)
    {
        var previous = 0u;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var hash = FnvOffset ^ WordSeed;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                hash = (hash ^ text[i]) * FnvPrime;
                i++;
            }

            Add(hash);
            if (previous != 0)
            {
                Add(((previous * FnvPrime) ^ hash ^ BigramSeed) * FnvPrime);
            }

            previous = hash;
        }
    }

    private void Add(uint hash)
    {
        var slot = (int)((hash ^ (hash >> 15)) & (uint)_mask);
        if (_counts[slot]++ == 0)
        {
            _touched.Add(slot);
        }

        _total++;
    }
}
