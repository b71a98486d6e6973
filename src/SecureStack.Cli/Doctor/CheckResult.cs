namespace SecureStack.Cli.Doctor;

/// <summary>The outcome of one check on one target (a compose service, a file, a config key).</summary>
/// <param name="Id">Stable id, e.g. <c>compose.read-only</c>.</param>
/// <param name="Target">What was checked, e.g. <c>service proxy</c> or <c>.env</c>.</param>
/// <param name="Message">What was found, in one line.</param>
/// <param name="Fix">What to do when it failed; empty when it passed.</param>
internal sealed record CheckResult(string Id, string Target, bool Passed, string Message, string Fix)
{
    /// <summary>Passed, but something a person should act on (printed as WARN with its fix; it does not lower the score).</summary>
    public bool Warning { get; init; }

    public static CheckResult Pass(string id, string target, string message) => new(id, target, true, message, "");

    public static CheckResult Warn(string id, string target, string message, string fix) => new(id, target, true, message, fix) { Warning = true };

    public static CheckResult Fail(string id, string target, string message, string fix) => new(id, target, false, message, fix);
}
