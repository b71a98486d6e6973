using System.Numerics;

namespace SecureStack.Sanitizer.Classifier;

/// <summary>
/// Hashed features of a normalised text: character 3–5-grams (any script, no tokenizer) and word uni- and bigrams,
/// each hashed (FNV-1a) into 2^bits slots. A slot's value is sqrt(count)/sqrt(total), so the vector has unit length
/// and a long text does not outweigh a short one. The trainer and <see cref="InjectionModel"/> share this code.
/// Counts live in a small open-addressing table sized to the text, not in a 2^bits array, so a thread's buffer stays
/// a few kilobytes for a scoring window.
/// </summary>
public sealed class NgramFeatures
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private const uint WordSeed = 0x9E3779B9;
    private const uint BigramSeed = 0x85EBCA6B;
    private const int MinChars = 3;
    private const int MaxChars = 5;

    private readonly List<int> _touched = [];
    private readonly int _mask;
    private int[] _keys = new int[1024];
    private int[] _counts = new int[1024];
    private int _total;

    public NgramFeatures(int bits)
    {
        if (bits is < 10 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "hash bits must be between 10 and 24");
        }

        Bits = bits;
        _mask = (1 << bits) - 1;
    }

    public int Bits { get; }

    /// <summary>Slots set by the last <see cref="Extract"/>, in first-seen order.</summary>
    public IReadOnlyList<int> Slots => _touched;

    /// <summary>The value of a slot set by the last <see cref="Extract"/>.</summary>
    public float Value(int slot) => MathF.Sqrt(Count(slot)) / MathF.Sqrt(_total);

    /// <summary>Counts the n-grams of <paramref name="text"/> (already normalised: lower case, single spaces).</summary>
    public void Extract(ReadOnlySpan<char> text)
    {
        // Every character starts at most three n-grams and a word two; keep the table at most half full.
        var needed = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1024, 8 * (text.Length + 2)));
        if (needed > _keys.Length)
        {
            _keys = new int[needed];
            _counts = new int[needed];
        }
        else
        {
            Array.Clear(_keys);
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
            sum += weights[slot] * MathF.Sqrt(Count(slot));
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
        var at = Find(slot);
        if (_keys[at] == 0)
        {
            _keys[at] = slot + 1;
            _counts[at] = 0;
            _touched.Add(slot);
        }

        _counts[at]++;
        _total++;
    }

    private int Count(int slot) => _counts[Find(slot)];

    /// <summary>The table position of <paramref name="slot"/>, or the empty position where it belongs (linear probing; keys are slot + 1).</summary>
    private int Find(int slot)
    {
        var tableMask = _keys.Length - 1;
        var at = (int)((uint)(slot * -1640531535) >> 7) & tableMask;
        while (_keys[at] != 0 && _keys[at] != slot + 1)
        {
            at = (at + 1) & tableMask;
        }

        return at;
    }
}
