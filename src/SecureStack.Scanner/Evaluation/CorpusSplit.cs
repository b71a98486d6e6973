using System.Security.Cryptography;
using System.Text;

namespace SecureStack.Scanner.Evaluation;

/// <summary>
/// The recorded split of data/skills: a ClawHub skill is in calibration when the first byte of SHA-256 of its
/// author's name is even, else held out, so one author's skills (and one campaign's) never straddle the line.
/// anthropics/skills and the bundled skills are held out whole: they took no part in tuning.
/// </summary>
public static class CorpusSplit
{
    public const string Calibration = "calibration";
    public const string HeldOut = "held-out";

    public static string Of(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = id.Split('/');
        if (parts[0] != "clawhub" || parts.Length < 3)
        {
            return HeldOut;
        }
        return SHA256.HashData(Encoding.UTF8.GetBytes(parts[1]))[0] % 2 == 0 ? Calibration : HeldOut;
    }
}
