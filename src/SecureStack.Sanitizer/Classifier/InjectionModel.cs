using System.IO.Compression;
using System.Text;

namespace SecureStack.Sanitizer.Classifier;

/// <summary>
/// A logistic-regression injection classifier over <see cref="NgramFeatures"/>: one weight per hashed slot. Long texts
/// are scored in half-overlapping windows and the text's score is its highest window's, so one planted sentence in a
/// long page is not diluted by the page. The shipped model (trained by tools/SecureStack.PromptTrainer) is embedded.
/// </summary>
public sealed class InjectionModel
{
    private const string Magic = "SSPM";
    private const int Version = 1;
    private const string ResourceName = "SecureStack.Sanitizer.Classifier.prompt-model.bin.gz";

    private static readonly Lazy<InjectionModel> ShippedModel = new(LoadShipped);

    // One feature buffer per thread (2^bits counters), reused across texts and models of the same size.
    [ThreadStatic]
    private static NgramFeatures? _threadFeatures;

    public InjectionModel(float[] weights, float bias, int windowChars, float flagThreshold, float rejectThreshold)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length < 1024 || !int.IsPow2(weights.Length))
        {
            throw new ArgumentException($"{weights.Length} weights: expected a power of two of at least 1024.", nameof(weights));
        }

        if (windowChars < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(windowChars), windowChars, "a window needs at least 64 characters");
        }

        Weights = weights;
        Bias = bias;
        Bits = int.Log2(weights.Length);
        WindowChars = windowChars;
        FlagThreshold = flagThreshold;
        RejectThreshold = rejectThreshold;
    }

    /// <summary>The model in the sanitizer assembly, loaded on first use.</summary>
    public static InjectionModel Shipped => ShippedModel.Value;

    public float[] Weights { get; }

    public float Bias { get; }

    public int Bits { get; }

    /// <summary>Texts longer than this are scored in windows of this many characters, each starting half a window after the last.</summary>
    public int WindowChars { get; }

    /// <summary>Default probability at which a text is flagged (chosen on validation sources; see TrainingOptions.FlagFpr).</summary>
    public float FlagThreshold { get; }

    /// <summary>Default probability at which a text is refused (chosen on validation sources; see TrainingOptions.RejectFpr).</summary>
    public float RejectThreshold { get; }

    /// <summary>Scores a normalised text: the highest window's probability.</summary>
    public ModelScore Score(ReadOnlySpan<char> normalised)
    {
        var features = Features();
        if (normalised.Length <= WindowChars)
        {
            return new ModelScore(Probability(features, normalised), 0, normalised.Length);
        }

        var best = ModelScore.None;
        var step = WindowChars / 2;
        for (var start = 0; ; start += step)
        {
            var length = Math.Min(WindowChars, normalised.Length - start);
            var p = Probability(features, normalised.Slice(start, length));
            if (p > best.Probability || best.Length == 0)
            {
                best = new ModelScore(p, start, length);
            }

            if (start + length >= normalised.Length)
            {
                return best;
            }
        }
    }

    public static InjectionModel Load(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip, Encoding.ASCII);
        if (Encoding.ASCII.GetString(reader.ReadBytes(4)) != Magic || reader.ReadInt32() != Version)
        {
            throw new InvalidDataException("not a SecureStack prompt model (version 1); retrain it with tools/SecureStack.PromptTrainer");
        }

        var bits = reader.ReadInt32();
        var window = reader.ReadInt32();
        var bias = reader.ReadSingle();
        var flag = reader.ReadSingle();
        var reject = reader.ReadSingle();
        if (bits is < 10 or > 24)
        {
            throw new InvalidDataException($"prompt model: {bits} hash bits is out of range");
        }

        var weights = new float[1 << bits];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)reader.ReadHalf();
        }

        return new InjectionModel(weights, bias, window, flag, reject);
    }

    /// <summary>Writes the model compressed, weights as half-precision floats (what <see cref="Load"/> reads back).</summary>
    public void Save(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.ASCII);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(Version);
        writer.Write(Bits);
        writer.Write(WindowChars);
        writer.Write(Bias);
        writer.Write(FlagThreshold);
        writer.Write(RejectThreshold);
        foreach (var w in Weights)
        {
            writer.Write((Half)w);
        }
    }

    private float Probability(NgramFeatures features, ReadOnlySpan<char> window)
    {
        features.Extract(window);
        return 1f / (1f + MathF.Exp(-features.Dot(Weights, Bias)));
    }

    private NgramFeatures Features()
    {
        if (_threadFeatures is null || _threadFeatures.Bits != Bits)
        {
            _threadFeatures = new NgramFeatures(Bits);
        }

        return _threadFeatures;
    }

    private static InjectionModel LoadShipped()
    {
        using var stream = typeof(InjectionModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the sanitizer assembly lacks {ResourceName}; rebuild it");
        return Load(stream);
    }
}
