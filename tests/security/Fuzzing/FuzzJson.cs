using System.Text;
using CsCheck;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>Generators of JSON as clients send it: valid nested bodies, near-valid ones, and bytes that only look like JSON.</summary>
internal static class FuzzJson
{
    private static readonly string[] Keys =
        ["message", "messages", "role", "content", "text", "input", "instructions", "args", "params", "type", "id", "method", "attachments", "user", "tool", "task", "name", "parts"];

    /// <summary>A JSON value up to a few levels deep whose strings are hostile and escaped at random.</summary>
    public static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) => depth >= 4
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, value.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(Gen.OneOfConst(Keys), value).Array[0, 5].Select(Object))));

    /// <summary>Request bodies: mostly objects with the keys the routes read, sometimes cut or corrupted.</summary>
    public static readonly Gen<string> Body = Gen.Frequency(
        (6, Gen.Select(Gen.OneOfConst(Keys), Value).Array[1, 6].Select(Object)),
        (2, Gen.Select(Gen.Select(Gen.OneOfConst(Keys), Value).Array[1, 6].Select(Object), Gen.Double[0, 1], Gen.Int[0, 2]).Select(Corrupt)),
        (1, FuzzGen.HostileString));

    private static Gen<string> Scalar => Gen.Frequency(
        (5, Gen.Select(FuzzGen.HostileString, Gen.ULong).Select(t => FuzzGen.JsonLiteral(t.Item1, t.Item2))),
        (1, Gen.OneOfConst("null", "true", "false", "0", "-1.5e300", "1e400", "\"\"", "{}", "[]")));

    private static string Object((string Key, string Value)[] members)
    {
        var builder = new StringBuilder("{");
        for (var i = 0; i < members.Length; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append(FuzzGen.JsonLiteral(members[i].Key, 0)).Append(':').Append(members[i].Value);
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Truncates, duplicates a slice, or drops a character at a random place.</summary>
    private static string Corrupt((string Json, double At, int How) t)
    {
        var at = (int)(t.At * t.Json.Length);
        return t.How switch
        {
            0 => t.Json[..at],
            1 => t.Json[..at] + t.Json[(at / 2)..],
            _ => at < t.Json.Length ? t.Json.Remove(at, 1) : t.Json + ",",
        };
    }
}
