using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace SecureStack.Proxy.Prompts;

/// <summary>Base64 (optionally a <c>data:</c> URL) whose bytes are UTF-8 text; binary content is no prompt text.</summary>
internal static class Base64Text
{
    public static bool TryDecode(string content, out string text) => TryDecode(content, out text, out _);

    public static bool TryDecode(string content, out string text, out string prefix)
    {
        text = "";
        prefix = "";
        var payload = content;
        if (content.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && content.IndexOf(',', StringComparison.Ordinal) is var comma and > 0)
        {
            prefix = content[..(comma + 1)];
            payload = content[(comma + 1)..];
        }

        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(payload.Length)];
        if (!Convert.TryFromBase64String(payload, bytes, out var written) || !Utf8.IsValid(bytes.AsSpan(0, written)))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(bytes, 0, written);
        return !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
    }
}
