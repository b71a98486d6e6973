namespace SecureStack.Cli.Doctor.Egress;

/// <summary>
/// FR-9, basic form: the egress allowlist exists, lists something, and has no entry that opens everything
/// (<c>*</c>, <c>*.com</c>). <c>securestack egress check</c> validates it in full.
/// </summary>
internal sealed class AllowlistCheck : IDoctorCheck
{
    private const string Id = "egress.allowlist";

    public IEnumerable<CheckResult> Run(DoctorContext context)
    {
        var path = context.Options.AllowlistPath!;
        if (!File.Exists(path))
        {
            yield return CheckResult.Fail(Id, path, "the egress allowlist is missing, so egress would refuse every destination or run without one",
                "restore it with `git checkout -- config/egress-allowlist.conf` and list your LLM API hosts");
            yield break;
        }
        var entries = File.ReadLines(path)
            .Select((line, index) => (Text: line.Split('#')[0].Trim(), Line: index + 1))
            .Where(e => e.Text.Length > 0).ToList();
        if (entries.Count == 0)
        {
            yield return CheckResult.Fail(Id, path, "lists no destination", "add the LLM API hosts the agent needs, one per line");
            yield break;
        }
        var tooBroad = entries.Where(e => IsTooBroad(e.Text)).Select(e => $"line {e.Line}: \"{e.Text}\"").ToList();
        yield return tooBroad.Count == 0
            ? CheckResult.Pass(Id, path, $"{entries.Count} destinations, none a catch-all")
            : CheckResult.Fail(Id, path, $"entries that allow far too much: {string.Join(", ", tooBroad)}",
                "replace them with the exact API hosts you need (wildcards only as *.example.com)");
    }

    /// <summary>A bare <c>*</c>, a wildcard over a whole TLD, or a <c>*</c> anywhere but a leading <c>*.</c>.</summary>
    private static bool IsTooBroad(string entry)
    {
        var host = entry.Split(':')[0];
        if (!host.Contains('*', StringComparison.Ordinal))
        {
            return false;
        }
        if (!host.StartsWith("*.", StringComparison.Ordinal) || host[2..].Contains('*', StringComparison.Ordinal))
        {
            return true;
        }
        return !host[2..].Contains('.', StringComparison.Ordinal);
    }
}
