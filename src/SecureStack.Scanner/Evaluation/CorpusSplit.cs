using System.Security.Cryptography;
using System.Text;

namespace SecureStack.Scanner.Evaluation;

/// <summary>
/// The recorded split of data/skills. A ClawHub skill is in <see cref="Calibration"/> when the first byte of SHA-256
/// of its author's name is even, else in <see cref="Calibration2"/>, so one author's skills (and one campaign's) never
/// straddle the line; the second half was the held-out split until its figures were reported and its false positives
/// fixed (session 7), so it is calibration data now. anthropics/skills and the bundled skills are <see cref="HeldOut"/>;
/// the GitHub skill repositories packed by build-heldout2.py are <see cref="HeldOut2"/>: neither took part in tuning.
/// </summary>
public static class CorpusSplit
{
    public const string Calibration = "calibration";
    public const string Calibration2 = "calibration-2";
    public const string HeldOut = "held-out";
    public const string HeldOut2 = "held-out-2";

    public static IReadOnlyList<string> All { get; } = [Calibration, Calibration2, HeldOut, HeldOut2];

    public static string Of(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = id.Split('/');
        if (parts[0] == "github")
        {
            return HeldOut2;
        }
        if (parts[0] != "clawhub" || parts.Length < 3)
        {
            return HeldOut;
        }
        return SHA256.HashData(Encoding.UTF8.GetBytes(parts[1]))[0] % 2 == 0 ? Calibration : Calibration2;
    }
}
