namespace SecureStack.Cli.Doctor.Env;

/// <summary>
/// A model provider key is set (OPENAI_API_KEY, which install.sh and compose hand to the relay, or a RELAY_API_KEY_&lt;ID&gt;).
/// Without one the stack runs but every chat is refused, so this warns rather than fails.
/// </summary>
internal sealed class ModelKeyCheck : IDoctorCheck
{
    private const string Id = "env.model-key";

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var env = context.Env!;
        var set = env.Values.Keys.Where(k => (k == "OPENAI_API_KEY" || k.StartsWith("RELAY_API_KEY_", StringComparison.Ordinal)) && env.Get(k) is not null).ToList();
        yield return set.Count > 0
            ? CheckResult.Pass(Id, $"{env.Path}: {string.Join(", ", set)}", "a model provider key is set")
            : CheckResult.Warn(Id, $"{env.Path}: OPENAI_API_KEY", "no model provider key is set: chat is refused with \"no API key configured for provider openai\"",
                "put your key after OPENAI_API_KEY= in .env, then restart the stack (./install.sh --stop, then ./install.sh)");
    }
}
