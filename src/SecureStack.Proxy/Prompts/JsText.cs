namespace SecureStack.Proxy.Prompts;

/// <summary>
/// String handling as OpenClaw's JavaScript does it, where the proxy must agree with it: <c>String.prototype.trim</c>
/// removes ECMAScript white space and line terminators, a set that differs from .NET's (it includes U+FEFF and
/// excludes U+0085), so <c>"\uFEFFsystem"</c> is the role <c>system</c> to the gateway.
/// </summary>
public static class JsText
{
    public static string Trim(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var start = 0;
        var end = value.Length;
        while (start < end && IsJsWhiteSpace(value[start]))
        {
            start++;
        }

        while (end > start && IsJsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        return start == 0 && end == value.Length ? value : value[start..end];
    }

    /// <summary>ECMAScript WhiteSpace (TAB, VT, FF, SP, NBSP, ZWNBSP, Zs) and LineTerminator (LF, CR, LS, PS).</summary>
    public static bool IsJsWhiteSpace(char c) =>
        c is '\t' or '\v' or '\f' or ' ' or '\u00A0' or '\uFEFF' or '\n' or '\r' or '\u2028' or '\u2029'
        || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpaceSeparator;
}
