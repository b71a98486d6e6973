using CsCheck;

namespace SecureStack.Security.Tests.Fuzzing;

/// <summary>Generators of OpenClaw gateway request frames: valid, near-valid and hostile.</summary>
internal static class FrameGen
{
    private static readonly string[] Methods =
        ["chat.send", "agent", "sessions.send", "sessions.create", "wake", "chat.inject", "connect", "sessions.list", "config.set", "skills.upload.begin", "CHAT.SEND"];

    /// <summary>A request frame with hostile params, sometimes cut, duplicated or not a request at all.</summary>
    public static readonly Gen<string> Frame = Gen.Frequency(
        (6, Gen.Select(Gen.OneOfConst(Methods), FuzzJson.Value, Gen.Select(FuzzGen.HostileString, Gen.ULong), Gen.Bool).Select(t => Request(t.Item1, t.Item2, t.Item3, t.Item4))),
        (2, FuzzJson.Body),
        (1, Gen.Select(Gen.OneOfConst(Methods), FuzzGen.HostileString).Select(t => $"{{\"type\":\"req\",\"id\":1,\"method\":\"{t.Item1}\",\"params\":{{\"message\":\"a\",\"message\":{FuzzGen.JsonLiteral(t.Item2, 0)}}}}}")),
        (1, Gen.Select(Gen.OneOfConst(Methods), FuzzGen.HostileString, Gen.ULong).Select(t =>
            $"{{\"type\":{FuzzGen.JsonLiteral(t.Item2.Length % 2 == 0 ? "req" : t.Item2, t.Item3)},\"id\":{FuzzGen.JsonLiteral(t.Item2, t.Item3)},\"method\":{FuzzGen.JsonLiteral(t.Item1, t.Item3)}}}")));

    /// <summary>Frames as bytes: mostly UTF-8 of <see cref="Frame"/>, sometimes with bytes flipped (invalid UTF-8 included).</summary>
    public static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (4, Frame.Select(f => System.Text.Encoding.UTF8.GetBytes(f))),
        (1, Gen.Select(Frame, Gen.Select(Gen.Double[0, 1], Gen.Byte).Array[1, 4]).Select(t => Flip(System.Text.Encoding.UTF8.GetBytes(t.Item1), t.Item2))));

    /// <summary>The bytes as text for a failure report, invalid UTF-8 shown as \xNN.</summary>
    public static string Show(byte[] bytes)
    {
        var builder = new System.Text.StringBuilder();
        var rest = bytes.AsSpan();
        while (!rest.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(rest, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                builder.Append(rune.ToString());
            }
            else
            {
                builder.Append($"\\x{rest[0]:X2}");
                consumed = 1;
            }

            rest = rest[consumed..];
        }

        return builder.ToString();
    }

    /// <summary>An unsigned <c>connect</c> frame whose <c>params.auth</c> carries the client's own token and password, escaped at random.</summary>
    public static string Connect(string token, string password, ulong escapes, string space)
    {
        var auth = $"{{{space}{FuzzGen.JsonLiteral("token", escapes >> 5)}:{FuzzGen.JsonLiteral(token, escapes)},{space}\"password\":{FuzzGen.JsonLiteral(password, escapes >> 11)}}}";
        return $"{{{space}\"type\":\"req\",{space}\"id\":\"c1\",\"method\":{FuzzGen.JsonLiteral("connect", escapes >> 23)},{space}\"params\":{{\"minProtocol\":3,{space}\"auth\":{auth}}}}}";
    }

    /// <summary><c>chat.send</c> carrying <paramref name="message"/>, in one of 24 key orders, escaped and spaced at random.</summary>
    public static string ChatSend(string message, ulong escapes, int order, string space)
    {
        string[] members =
        [
            $"\"type\"{space}:{space}{FuzzGen.JsonLiteral("req", escapes >> 7)}",
            $"\"id\"{space}:{space}\"fuzz-7\"",
            $"{FuzzGen.JsonLiteral("method", escapes >> 13)}{space}:{space}{FuzzGen.JsonLiteral("chat.send", escapes >> 3)}",
            $"\"params\"{space}:{space}{{{space}\"sessionKey\":\"main\",{space}{FuzzGen.JsonLiteral("message", escapes >> 17)}{space}:{space}{FuzzGen.JsonLiteral(message, escapes)}{space}}}",
        ];
        var permutation = Permutation(order, members.Length);
        return "{" + space + string.Join("," + space, permutation.Select(i => members[i])) + space + "}";
    }

    private static string Request(string method, string parameters, (string Text, ulong Escapes) attachment, bool withAttachment)
    {
        var attachments = withAttachment
            ? $",\"attachments\":[{{\"type\":\"text\",\"content\":\"{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(attachment.Text))}\"}},{FuzzGen.JsonLiteral(attachment.Text, attachment.Escapes)}]"
            : "";
        var body = parameters.StartsWith('{') && parameters.Length > 2 ? parameters[..^1] + attachments + "}" : parameters;
        return $"{{\"type\":\"req\",\"id\":\"x\",\"method\":\"{method}\",\"params\":{body}}}";
    }

    private static byte[] Flip(byte[] bytes, (double At, byte Value)[] flips)
    {
        foreach (var (at, value) in flips)
        {
            if (bytes.Length > 0)
            {
                bytes[(int)(at * bytes.Length) % bytes.Length] = value;
            }
        }

        return bytes;
    }

    /// <summary>The <paramref name="index"/>-th permutation of 0..<paramref name="count"/>-1 (factorial number system).</summary>
    private static int[] Permutation(int index, int count)
    {
        var items = Enumerable.Range(0, count).ToList();
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            var factorial = Enumerable.Range(1, count - 1 - i).Aggregate(1, (a, b) => a * b);
            result[i] = items[index / factorial % items.Count];
            items.RemoveAt(index / factorial % (items.Count));
            index %= factorial;
        }

        return result;
    }
}
