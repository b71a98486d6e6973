using System.Globalization;
using System.Text.RegularExpressions;

namespace SecureStack.Scanner.Verdicts;

/// <summary>
/// Turns a skill's findings into a verdict. Each finding is worth points by rule, severity and context (what runs
/// or what SKILL.md tells the agent counts fully; documentation, examples and tests count a little); each rule
/// counts once, at its worst finding; correlations of capability and intent add a bonus. The score reaches
/// <see cref="VerdictWeights.SuspiciousAt"/> or <see cref="VerdictWeights.MaliciousAt"/>.
/// </summary>
public static partial class VerdictCalculator
{
    private const int MaxDeciding = 5;

    private static readonly HashSet<string> DownloadExecute = new(StringComparer.Ordinal)
    {
        "SS-DOWNLOAD-EXEC-PIPE", "SS-DOWNLOAD-EXEC-PIPE-SUDO", "SS-DOWNLOAD-EXEC-SUBST", "SS-DOWNLOAD-EXEC-TEXT", "SS-FAKE-PREREQUISITE",
        "SS-DOWNLOAD-THEN-RUN", "SS-PERL-DOWNLOAD-EXEC", "SS-RUBY-DOWNLOAD-EXEC", "SS-PHP-DOWNLOAD-EXEC", "SS-PS-DOWNLOAD-EXEC", "SS-APPLESCRIPT-DOWNLOAD-EXEC",
    };

    // Providers whose keys are worth stealing because they pay for or open something beyond the skill (model APIs, code and cloud hosts, payments, chat bots).
    private static readonly HashSet<string> StolenKeyVendors = new(StringComparer.Ordinal)
    {
        "openai", "anthropic", "claude", "gemini", "google", "gcp", "github", "gh", "gitlab", "aws", "azure", "stripe", "slack", "discord", "telegram", "twilio",
        "sendgrid", "huggingface", "hf", "openrouter", "groq", "mistral", "cohere", "deepseek", "xai", "perplexity", "together", "replicate", "fireworks",
        "vercel", "cloudflare", "cf", "supabase", "firebase", "npm", "pypi", "docker", "heroku", "digitalocean", "paypal", "coinbase", "binance", "notion",
        "linear", "atlassian", "jira", "shopify", "mailgun", "elevenlabs", "pinecone", "brave", "tavily", "serpapi", "exa", "firecrawl",
    };

    private static readonly HashSet<string> IntentRules = new(StringComparer.Ordinal)
    {
        "SS-CONFIRMATION-BYPASS", "SS-HIDDEN-INSTRUCTIONS", "SS-PROMPT-INJECTION",
    };

    private static readonly HashSet<string> HarmfulCapabilities = new(StringComparer.Ordinal)
    {
        "SS-MEMORY-POISONING", "SS-PERSISTENCE", "SS-CRED-EXFIL", "SS-CRED-EXFIL-LINKED", "SS-CRED-READ", "SS-PROSE-EXFIL", "SS-NET-EXFIL-HOST",
        "SS-AGENT-FILE-WRITE", "SS-MD-IMAGE-EXFIL", "SS-DNS-EXFIL", "SS-PASTE-UPLOAD", "SS-DEP-TYPOSQUAT",
    };

    /// <summary>Computes the verdict.</summary>
    /// <param name="findings">The skill's findings.</param>
    /// <param name="lineAt">Reads a line of a skill file (relative path, 1-based line), or null; used to see where a download goes.</param>
    /// <param name="weights">Weights and thresholds; <see cref="VerdictWeights.Default"/> when null.</param>
    /// <param name="skillName">The skill's name: a download from a host named like the skill is the vendor's own installer.</param>
    /// <param name="proseScore">An optional prose classifier's highest probability over SKILL.md windows (0–1), as evidence.</param>
    /// <param name="runFiles">Files the skill's Markdown runs with an interpreter (<c>bash setup/steps.txt</c>): code, whatever their extension.</param>
    public static SkillVerdict Compute(IReadOnlyList<ScanFinding> findings, Func<string, int, string?>? lineAt = null, VerdictWeights? weights = null, double? proseScore = null,
        string? skillName = null, IReadOnlySet<string>? runFiles = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        weights ??= VerdictWeights.Default;
        lineAt ??= (_, _) => null;
        var linked = LinkedDocuments(lineAt);
        var judged = findings.Select(f => Judge(f, lineAt, weights, skillName, linked, runFiles)).ToList();
        var perRule = judged
            .GroupBy(j => Family(j.Finding.RuleId), StringComparer.Ordinal)
            .Select(g => g.MaxBy(j => j.Points)!)
            .Where(j => j.Points > 0)
            .OrderByDescending(j => j.Points)
            .ToList();
        // Payloads quoted in documentation, examples and fixtures add up in a security tool; together they stay below malicious.
        var score = perRule.Where(j => j.Context != FindingContext.Documentation).Sum(j => j.Points)
            + Math.Min(weights.DocumentationCap, perRule.Where(j => j.Context == FindingContext.Documentation).Sum(j => j.Points));
        perRule = [.. perRule.Where(j => j.Points >= weights.Medium)];
        var reasons = new List<string>();
        score += Correlations(judged, lineAt, weights, reasons);
        if (proseScore is { } p && p > 0)
        {
            score += weights.ProseClassifier * Math.Clamp(p, 0, 1);
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"the prose classifier rates SKILL.md instruction-like at {p:0.00}"));
        }
        score = Math.Round(score, 2);
        var level = score >= weights.MaliciousAt ? VerdictLevel.Malicious : score >= weights.SuspiciousAt ? VerdictLevel.Suspicious : VerdictLevel.Clean;
        return new SkillVerdict(level, score, [.. perRule.Take(MaxDeciding)], reasons);
    }

    /// <summary>Rules that see one act from several sides count once: the same download-and-run line, the same credential read.</summary>
    private static string Family(string ruleId) =>
        DownloadExecute.Contains(ruleId) ? "download-execute" : ruleId is "SS-CRED-EXFIL" or "SS-CRED-EXFIL-LINKED" or "SS-CRED-READ" ? "credentials" : ruleId;

    private static DecidingFinding Judge(ScanFinding finding, Func<string, int, string?> lineAt, VerdictWeights weights, string? skillName, IReadOnlySet<string> linked,
        IReadOnlySet<string>? runFiles)
    {
        var context = FindingContexts.Of(finding);
        if (context == FindingContext.Code && (InTestModule(finding, lineAt) || IsComment(finding, lineAt)))
        {
            context = FindingContext.Documentation;
        }
        if (context == FindingContext.Documentation && runFiles is not null && runFiles.Contains(finding.File))
        {
            context = FindingContext.Code;
        }

        // An install step in a document SKILL.md points the agent to is part of what the agent is told.
        if (context == FindingContext.Documentation && linked.Contains(finding.File) && DownloadExecute.Contains(finding.RuleId))
        {
            context = FindingContext.Instructions;
        }

        // A command or phrase SKILL.md shows under "❌ Malicious:" or "Detect command injection" is a bad example, not an instruction.
        if (context == FindingContext.Instructions && Illustrated(finding, lineAt))
        {
            context = FindingContext.Documentation;
        }
        var (points, why) = Base(finding, context, lineAt, weights, skillName);
        if (context == FindingContext.Documentation)
        {
            points *= weights.DocumentationFactor;
            why += "; in documentation";
        }
        return new DecidingFinding(finding, context, Math.Round(points, 2), why);
    }

    private static (double Points, string Why) Base(ScanFinding f, FindingContext context, Func<string, int, string?> lineAt, VerdictWeights w, string? skillName)
    {
        var severity = w.PointsFor(f.Severity);
        var line = LineOf(f, lineAt);
        switch (f.RuleId)
        {
            case "SS-KNOWN-BAD" or "SS-PIN-MISMATCH":
                return (2 * w.Critical, "decisive on its own");
            case "SS-BINARY-EXECUTABLE" or "SS-ARCHIVE-EXECUTABLE" or "SS-ARCHIVE-ENCRYPTED" or "SS-ARCHIVE-PASSWORD" or "SS-SYMLINK-ESCAPE" or "SS-SH-CHMOD-EXEC-TMP"
                or "SS-REVERSE-SHELL" or "SS-SH-QUARANTINE-BYPASS" or "SS-SH-OSASCRIPT-PASSWORD" or "SS-APPLESCRIPT-PASSWORD-PROMPT"
                or "SS-PERL-REVERSE-SHELL" or "SS-RUBY-REVERSE-SHELL" or "SS-PHP-REVERSE-SHELL" or "SS-PS-REVERSE-SHELL":
                return (w.Critical, "runs or hides something no reviewer can read, or hands the host to someone else");
            case "SS-ARCHIVE-UNSCANNED" or "SS-PY-BYTECODE-UNREADABLE" or "SS-SYMLINK-SKILL":
                return (w.Critical, "part of the skill could not be scanned, so the scan fails closed");
            case "SS-PY-BYTECODE-NO-SOURCE":
                return (w.High, "ships bytecode without its source: what runs cannot be reviewed");
            case "SS-ARCHIVE":
                return (f.Severity >= Severity.High ? w.Critical : w.Medium, "an archive shipped with the skill");
            case "SS-META-UNDECLARED-ENV":
                return SecretSentElsewhere(f, lineAt) is { } host
                    ? (w.Critical, $"an undeclared secret is sent to {host}, not to its own vendor")
                    : (f.Severity >= Severity.High ? 0.5 * w.Medium : w.Low, "metadata does not declare what the code reads");
            case "SS-META-UNDECLARED-BIN" or "SS-META-NAME-MISMATCH" or "SS-META-INVALID" or "SS-NET-UNLISTED" or "SS-FS-WRITE-OUTSIDE":
                return (w.Low, "coherence evidence only");
            case "SS-META-UNPINNED-DOWNLOAD":
                return (Untrusted(f, lineAt, 0) ?? Vendors.Unknown(Lines(f, lineAt, 0), skillName)) is { } from
                    ? (w.Critical, $"installs an unpinned download from {from}, not a known vendor")
                    : (0.4 * w.High, "an unpinned download from a vendor's host");
            case "SS-META-TYPOSQUAT" or "SS-RELEASE-EXECUTABLE" or "SS-PARSE-ERROR":
                return (Untrusted(f, lineAt, 0) is { } where ? (w.Critical, $"points at {where}") : (0.4 * w.High, "worth a look, not decisive alone"));
            case "SS-NET-RAW-IP":
                return (context == FindingContext.Code ? w.Critical : w.High, "talks to a raw public IP address");
            case "SS-PERSISTENCE":
                return context == FindingContext.Code && (AgentConfig().IsMatch(line) || Lines(f, lineAt, 3, before: 4).Any(l => HiddenProgram().IsMatch(l)))
                    ? (w.Critical, "code rewrites the agent's identity or config, or installs a hidden program to start on its own")
                    : (0.4 * w.High, "a capability that needs a second signal");
            case "SS-MEMORY-POISONING":
                if (!RuleForMemory().IsMatch(line))
                {
                    return (0.4 * w.High, "writes to agent memory, which memory skills do");
                }
                // The planted text is the payload: a rule that fetches, sends, hides or touches secrets, not one that says where notes go.
                return Enumerable.Range(f.Line, 13).Select(n => lineAt(f.File, n) ?? (n == f.Line ? f.Snippet : null)).OfType<string>().Any(l => HarmfulRule().IsMatch(l))
                    ? (w.Critical, "plants a standing rule in the agent's memory that fetches, sends, hides or touches secrets")
                    : (0.4 * w.High, "plants a standing rule that asks for nothing harmful (how to keep notes)");
            case "SS-CONFIRMATION-BYPASS":
                if (context == FindingContext.Instructions && CommandFlag().IsMatch(line) && InCodeBlock(f, lineAt))
                {
                    return (w.Low, "a flag of a command shown in a code block: the tool's own option");
                }
                if (context == FindingContext.Instructions && !Quoted().IsMatch(WithoutUrls().Replace(line, " ")))
                {
                    return SilentAgent().IsMatch(line) ? (w.Critical, "turns approvals off or hides what the agent does from the user") : (w.High, "tells the agent to act without asking");
                }
                return (0.4 * w.High, "intent that needs a second signal");
            case "SS-PROMPT-INJECTION":
                return context == FindingContext.Instructions && !Quoted().IsMatch(WithoutUrls().Replace(line, " "))
                    ? (w.Critical, "addresses the model directly, not as a quoted example")
                    : (0.3 * w.High, "quotes an injection phrase (a guide, a filter, a test)");
            case "SS-SOCIAL-ENGINEERING" when context == FindingContext.Code:
                return (0.4 * w.High, "a program's own message asking to paste a command it shows: needs a second signal");
            case "SS-HIDDEN-INSTRUCTIONS":
                return (0.5 * w.High, "instruction-like text that needs a second signal");
            case "SS-INVISIBLE-UNICODE":
                return context == FindingContext.Instructions && f.Severity >= Severity.High
                    ? (w.Critical, "invisible or reordering characters in what the agent reads")
                    : (f.Severity >= Severity.High ? 0.4 * w.High : w.Low, "invisible characters outside SKILL.md");
            case "SS-CRYPTO-MINER":
                return PatternList().IsMatch(line) ? (0.4 * w.High, "a miner name inside a pattern list") : (w.Critical, "miner indicator");
            case "SS-JS-VM-RUN" or "SS-JS-INDIRECT-EVAL" or "SS-JS-NEW-FUNCTION" or "SS-JS-EXEC-DECODED" or "SS-JS-EXEC-DECODED-BUFFER" or "SS-PY-EXEC-DECODED":
                return (context == FindingContext.Code && !Enumerable.Range(f.Line - 6, 7).Any(n => CommentedReason().IsMatch(lineAt(f.File, n) ?? "")) ? w.Critical : 0.4 * w.High, "code compiled from a string at run time");
            case "SS-CRED-READ":
                return (IsStrongStore(line) ? w.Medium : w.Low, "reads a credential store");
            case "SS-CRED-EXFIL" or "SS-CRED-EXFIL-LINKED":
                if (PipedToSend().IsMatch(line))
                {
                    return (w.Critical, "a credential read is piped straight into a network send");
                }
                return IsStrongStore(line)
                    ? (0.6 * w.High, $"reads {StrongStore().Match(line).Value} and the skill sends data")
                    : (w.Low, "reads its own configuration or a .env file; the skill also sends data");
            case "SS-PROSE-EXFIL":
                // A warning names the drop it warns about ("never paste keys into pastebin.com"); a report says what something attempted.
                return Lines(f, lineAt, 0, before: 3).Any(l => Negated().IsMatch(l)) || Reported().IsMatch(line)
                    ? (w.Low, "warns where never to send a key")
                    : Untrusted(f, lineAt, 0) is { } drop
                        ? (w.Critical, $"tells the agent to send secrets to {drop}")
                        : (f.Severity >= Severity.Critical ? w.Critical : w.High, "tells the agent to send secrets out");
            case "SS-MD-IMAGE-EXFIL" or "SS-DNS-EXFIL" or "SS-PASTE-UPLOAD" or "SS-DEP-TYPOSQUAT" or "SS-AGENT-FILE-WRITE":
                if (context != FindingContext.Code && NamesTechnique(line))
                {
                    return (w.Low, "names the technique to warn about it or to detect it");
                }
                return (w.Critical, f.RuleId switch
                {
                    "SS-MD-IMAGE-EXFIL" => "an image URL that carries secrets or the conversation to its host",
                    "SS-DNS-EXFIL" => "encodes secrets into DNS lookups",
                    "SS-PASTE-UPLOAD" => "uploads data to a paste site",
                    "SS-DEP-TYPOSQUAT" => "installs a package named like a popular one",
                    _ => "plants instructions in every later agent session",
                });
            case "SS-NET-EXFIL-HOST":
                if (context == FindingContext.Instructions && Warning().IsMatch(line))
                {
                    return (w.Low, "warns against the host it names");
                }
                return (SourceTrust.NamesCollector(line) && (context == FindingContext.Code || !Listed(line))) || (context == FindingContext.Instructions && McpTunnel().IsMatch(line))
                    ? (w.Critical, "sends to a paste site, a webhook collector, or an MCP server behind an anonymous tunnel")
                    : (0.3 * w.High, "a tunnel, or a messaging or document API with its own token");
            default:
                break;
        }
        if (DownloadExecute.Contains(f.RuleId))
        {
            var window = f.RuleId == "SS-FAKE-PREREQUISITE" ? 9 : 0;
            if (NeverAnInstaller().IsMatch(line))
            {
                return (w.Critical, "an encoded or LOLBin download-and-run that no vendor documents");
            }
            if (Untrusted(f, lineAt, window) is { } source)
            {
                return (w.Critical, $"downloads and runs code from {source}");
            }
            if (f.RuleId == "SS-DOWNLOAD-EXEC-PIPE" && InlineProgram().IsMatch(Continued(f, lineAt)))
            {
                return (w.Low, "pipes downloaded data into an inline program (python -c, python -m json.tool)");
            }
            if (Vendors.Unknown(Lines(f, lineAt, window), skillName) is { } unknown)
            {
                return (w.Critical, $"downloads and runs code from {unknown}, not a known vendor's installer");
            }
            if (HasUrl(f, lineAt, window))
            {
                return (0.4 * w.High, "installs a vendor's tool from its own https host");
            }
            return context != FindingContext.Code && line.Contains('`', StringComparison.Ordinal)
                ? (w.Low, "names curl | sh in passing, without a source")
                : (w.High, "downloads and runs code from a source that is not named");
        }
        if (f.RuleId.StartsWith("SS-JS-", StringComparison.Ordinal) || f.RuleId.StartsWith("SS-PY-", StringComparison.Ordinal) || f.RuleId == "SS-SH-EVAL")
        {
            return (Math.Min(severity, 0.6 * w.High), "dynamic code, common in real programs");
        }
        return (severity, f.Severity.ToString().ToLowerInvariant() + " finding");
    }

    private static double Correlations(List<DecidingFinding> judged, Func<string, int, string?> lineAt, VerdictWeights w, List<string> reasons)
    {
        var active = judged.Where(j => j.Context != FindingContext.Documentation && j.Points > 0).ToList();
        var bonus = 0.0;
        var credential = active.FirstOrDefault(j => j.Finding.RuleId is "SS-CRED-EXFIL" or "SS-CRED-EXFIL-LINKED" or "SS-CRED-READ" or "SS-PROSE-EXFIL" && j.Points >= w.Medium);
        var destination = active.FirstOrDefault(j =>
            j.Finding.RuleId is "SS-NET-RAW-IP" or "SS-NET-SHORTENER" || (j.Finding.RuleId == "SS-NET-EXFIL-HOST" && j.Why.StartsWith("talks to", StringComparison.Ordinal)));
        if (credential is not null && destination is not null)
        {
            bonus += w.CorrelationBonus;
            reasons.Add($"reads credentials ({credential.Finding.File}:{credential.Finding.Line}) and talks to an attacker-style destination ({destination.Finding.File}:{destination.Finding.Line})");
        }
        // One program that reads a secret store (not a .env file, which skills read for their own key) and sends data.
        // SS-CRED-EXFIL-LINKED is that program spread over modules that import each other.
        var program = active.FirstOrDefault(j => j.Context == FindingContext.Code && j.Points >= w.Medium && !j.Why.Contains("/.env", StringComparison.Ordinal)
            && (j.Finding.RuleId == "SS-CRED-EXFIL-LINKED"
                || (j.Finding.RuleId == "SS-CRED-EXFIL" && SendFile().Match(j.Finding.Message) is { Success: true } send && send.Groups["file"].Value == j.Finding.File))
            && !OwnProviderOnly(j.Finding.File, lineAt));
        var messaging = active.FirstOrDefault(j => j.Finding.RuleId == "SS-NET-EXFIL-HOST" && j.Context == FindingContext.Code);
        if (program is not null && destination is null)
        {
            bonus += w.CorrelationBonus;
            reasons.Add($"one program reads a secret store and sends data out ({program.Finding.File}:{program.Finding.Line})");
        }
        else if (credential is not null && destination is null && messaging is not null)
        {
            bonus += w.CorrelationBonus;
            reasons.Add($"reads credentials ({credential.Finding.File}:{credential.Finding.Line}) and posts to a chat webhook or bot ({messaging.Finding.File}:{messaging.Finding.Line})");
        }
        var untrustedRun = active.FirstOrDefault(j => DownloadExecute.Contains(j.Finding.RuleId) && j.Points >= w.Critical);
        var persistence = active.FirstOrDefault(j => j.Finding.RuleId is "SS-PERSISTENCE" or "SS-MEMORY-POISONING");
        if (untrustedRun is not null && persistence is not null)
        {
            bonus += w.CorrelationBonus;
            reasons.Add($"downloads and runs code ({untrustedRun.Finding.File}:{untrustedRun.Finding.Line}) and makes itself persistent ({persistence.Finding.File}:{persistence.Finding.Line})");
        }
        var typosquat = active.FirstOrDefault(j => j.Finding.RuleId == "SS-META-TYPOSQUAT");
        var elsewhere = active.FirstOrDefault(j => j.Finding.RuleId is "SS-NET-RAW-IP" or "SS-NET-SHORTENER" || j.Points >= w.Critical);
        if (typosquat is not null && elsewhere is not null)
        {
            bonus += w.CorrelationBonus;
            reasons.Add($"imitates a known skill ({typosquat.Finding.Snippet}) and points somewhere no vendor would ({elsewhere.Finding.File}:{elsewhere.Finding.Line})");
        }
        var intent = active.FirstOrDefault(j => IntentRules.Contains(j.Finding.RuleId) && j.Context == FindingContext.Instructions && j.Points >= 0.4 * w.High);
        var capability = active.FirstOrDefault(j => (HarmfulCapabilities.Contains(j.Finding.RuleId) || DownloadExecute.Contains(j.Finding.RuleId)) && j.Points >= 0.4 * w.High);
        if (intent is not null && capability is not null)
        {
            bonus += w.IntentBonus;
            reasons.Add($"instruction-like text ({intent.Finding.RuleId} {intent.Finding.File}:{intent.Finding.Line}) next to a harmful capability ({capability.Finding.RuleId} {capability.Finding.File}:{capability.Finding.Line})");
        }
        return bonus;
    }

    /// <summary>
    /// Stores whose theft is the attack: private keys, cloud credentials, keychain dumps, browser data, wallets,
    /// OpenClaw's own .env and auth profiles. A skill reading its own entry of openclaw.json is not among them.
    /// </summary>
    private static bool IsStrongStore(string text) => StrongStore().IsMatch(text);

    [GeneratedRegex(@"\.ssh/(id_|authorized_keys)|\bid_(rsa|ed25519|ecdsa)\b|\.ssh\b[^\n]*\b(tar|zip|base64|cat)\b|\.aws/credentials|\.(clawdbot|openclaw)/(\.env|agents(?![\w*/.-]*/sessions\b))|\.(clawdbot|openclaw)/credentials/?(\*|\s|[""'`]|$)|auth-profiles\.json|dump-keychain|find-internet-password|Library/Keychains|login\.keychain|Login Data|Local State|Cookies\.binarycookies|\.mozilla/firefox|wallet\.dat|keystore|MetaMask|solana/id\.json|\.gnupg|\.git-credentials|\.netrc|Exodus|Electrum|\.bitcoin|\.ethereum|\bprintenv\b|process\.env\)|os\.environ\)", RegexOptions.CultureInvariant)]
    private static partial Regex StrongStore();

    [GeneratedRegex(@"(?i)\b(never|only|do\s+not|don't|must\s+not|refuse)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Negated();

    /// <summary>True when the finding's line or one of the four lines above it labels what follows as an attack, a bad example or something to detect.</summary>
    private static bool Illustrated(ScanFinding f, Func<string, int, string?> lineAt)
    {
        for (var i = f.Line; i >= Math.Max(1, f.Line - 4); i--)
        {
            if (lineAt(f.File, i) is { } line && IllustrationLabel().IsMatch(line))
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"(?i)❌|🚫|⛔|\b(malicious|attacks?|attackers?|dangerous|vulnerable|unsafe|insecure|threats?\s+detected|bad\s+example|anti-?pattern|detect(s|ed|ion)?|red\s+flags?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex IllustrationLabel();

    /// <summary>A line that warns against a technique or names it as an example, a threat or a detection, rather than asking for it.</summary>
    private static bool NamesTechnique(string line) =>
        Warning().IsMatch(line) || line.Contains("e.g.", StringComparison.OrdinalIgnoreCase) || ExampleWords().IsMatch(HostLike().Replace(line, " "));

    [GeneratedRegex(@"(?i)\b(attempt(s|ed)?|tr(ies|ied))\s+to\s+(send|upload|post|forward|exfiltrate|steal)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Reported();

    [GeneratedRegex(@"(?i)\b(never|do\s+not|don't|must\s+not|refuse|avoid)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Warning();

    // URLs and host names ("collector.example") are not words of the sentence.
    [GeneratedRegex(@"\S*\w\.\w\S*", RegexOptions.CultureInvariant)]
    private static partial Regex HostLike();

    // Words around a technique that a guide, a detector or a threat list uses to name it, not to ask for it.
    [GeneratedRegex(@"(?i)\b(for\s+example|examples?|attacks?|attackers?|malicious|detects?|detection|flags?|blocks?|such\s+as|patterns?|indicators?|red\s+flags?|warns?|threats?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ExampleWords();

    [GeneratedRegex(@"\|\s*(python3?\s+-[cm]\b|node\s+-e\b|jq\b)", RegexOptions.CultureInvariant)]
    private static partial Regex InlineProgram();

    // Identity and config files of the agent itself; a memory skill writing MEMORY.md is not among them.
    [GeneratedRegex(@"\b(SOUL|AGENTS|IDENTITY)\.md\b|openclaw\.json|clawdbot\.json", RegexOptions.CultureInvariant)]
    private static partial Regex AgentConfig();

    [GeneratedRegex(@"/tmp/\.|/dev/shm/|(ExecStart=|<string>)[^\n]*/\.[\w-]+", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenProgram();

    [GeneratedRegex(@"(?i)\b(the\s+following|this|these)\s+(rules?|instructions?|directives?|lines?|text|reminders?)\b|\balways\b|never\s+(be\s+)?forg|from\s+now\s+on|hardwire", RegexOptions.CultureInvariant)]
    private static partial Regex RuleForMemory();

    [GeneratedRegex(@"(?i)\bask\s*=\s*off\b|\bsecurity\s*=\s*full\b|\b(do\s+not|don't|never)\s+(tell|inform|notify|mention\s+(this|it)\s+to)\s+the\s+(user|human|owner)\b|\b(hide|conceal)\s+(this|it|the\s+output)\s+from|\b(skip|disable|bypass)\s+all\s+(confirmations|approvals)", RegexOptions.CultureInvariant)]
    private static partial Regex SilentAgent();

    // A phrase in quotes, backticks or a table cell, or next to words that introduce an example, is quoted, not said.
    [GeneratedRegex(@"(?i)[""'`“‘«|]|\*\*[^*]+:?\*\*|\b(e\.g\.|example|examples|such as|like|pattern|patterns|detect|detects|flag|flags|block|blocks|attack|attacks|injection|phrases?|attempts?|scan|watch\s+for)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b(https?|wss?)://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex WithoutUrls();

    [GeneratedRegex(@"(?i)\br[""']|\bpatterns?\b|\b(signature|indicator|ioc|detect)|[|]\w+[|]", RegexOptions.CultureInvariant)]
    private static partial Regex PatternList();

    [GeneratedRegex(@"(?i)instead of eval|sandbox|clean scope", RegexOptions.CultureInvariant)]
    private static partial Regex CommentedReason();

    [GeneratedRegex(@"\|\s*(curl|wget|nc|ncat)\b[^\n]*(-d\s*@-|--data(-binary)?\s*@-|-T\s*-|\bhttps?://)", RegexOptions.CultureInvariant)]
    private static partial Regex PipedToSend();

    [GeneratedRegex(@"(?i)mcp[^\n]*(bore\.pub|ngrok|trycloudflare|serveo|localhost\.run)|(bore\.pub|ngrok|trycloudflare|serveo|localhost\.run)[^\n]*/(mcp|sse)\b", RegexOptions.CultureInvariant)]
    private static partial Regex McpTunnel();

    /// <summary>The finding's line with up to three lines before it, continuation backslashes dropped: <c>curl … | \</c> then <c>python3 -c "</c>.</summary>
    private static string Continued(ScanFinding f, Func<string, int, string?> lineAt) =>
        string.Join(' ', Enumerable.Range(f.Line - 3, 3).Select(n => n < 1 ? null : lineAt(f.File, n)).OfType<string>().Select(l => l.TrimEnd().TrimEnd('\\')).Append(LineOf(f, lineAt)));

    /// <summary>A comment line of a script or program (<c># usage: curl … | bash</c>) documents; it does not run. Hidden text decoded from a blob is judged as what it hides.</summary>
    private static bool IsComment(ScanFinding f, Func<string, int, string?> lineAt)
    {
        if (f.Message.EndsWith("(inside an encoded blob)", StringComparison.Ordinal) || lineAt(f.File, f.Line) is not { } line)
        {
            return false;
        }
        var text = line.TrimStart();
        return (text.StartsWith('#') && !text.StartsWith("#!", StringComparison.Ordinal) && !text.StartsWith("#[", StringComparison.Ordinal)) || text.StartsWith("//", StringComparison.Ordinal);
    }

    /// <summary>True when a Rust file declares a test module (<c>#[cfg(test)]</c>) above the finding: its strings are test inputs.</summary>
    private static bool InTestModule(ScanFinding f, Func<string, int, string?> lineAt)
    {
        if (!f.File.EndsWith(".rs", StringComparison.Ordinal))
        {
            return false;
        }
        for (var i = 1; i < f.Line; i++)
        {
            if (lineAt(f.File, i) is { } line && line.TrimStart().StartsWith("#[cfg(test)]", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the finding's line sits inside a fenced code block of its Markdown file.</summary>
    private static bool InCodeBlock(ScanFinding f, Func<string, int, string?> lineAt)
    {
        var inside = false;
        for (var i = 1; i < f.Line; i++)
        {
            if (lineAt(f.File, i) is { } line && line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inside = !inside;
            }
        }
        return inside;
    }

    /// <summary>
    /// True when a program reads one named provider's entry (<c>provider == "google-antigravity"</c>, <c>jq '.moltbook.api_key'</c>) and every
    /// host it talks to belongs to that provider: a skill using its own key with its own API, not one emptying the store.
    /// </summary>
    private static bool OwnProviderOnly(string file, Func<string, int, string?> lineAt)
    {
        var providers = new HashSet<string>(StringComparer.Ordinal);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i <= 5000 && lineAt(file, i) is { } line; i++)
        {
            foreach (Match m in ProviderEntry().Matches(line))
            {
                var word = m.Groups["p"].Value.ToLowerInvariant().Split('-', '_', ':')[0];
                if (word.Length >= 4)
                {
                    providers.Add(word);
                }
            }
            foreach (var url in Network.UrlFinder.Find(line))
            {
                if (url.Host.Contains('.') && !url.Host.Contains('$') && !url.Host.Contains('{') && !url.Host.Contains('<') && url.Host != "localhost")
                {
                    labels.Add(url.Host.ToLowerInvariant().Split('.')[^2]);
                }
            }
        }
        return providers.Count > 0 && labels.Count > 0 && labels.All(l => providers.Any(p => l.StartsWith(p, StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"(?i)(\bprovider\b[^\n]{0,12}?|startsWith\(\s*|\bprofiles\s*\[\s*)[""'](?<p>[a-z][\w:-]{2,})|\bjq\b[^\n]*?'\.(?<p>[a-z]\w{2,})\.", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderEntry();

    [GeneratedRegex(@"(?i)https?://|\b(curl|wget|fetch|send|upload|exfiltrat\w*|forward)\b|\b(secrets?|tokens?|api[_ -]?keys?|passwords?|credentials?|private\s+keys?|seed\s+phrase)\b|\.ssh\b|\.env\b|\b(silently|quietly|secretly|covertly)\b|\bwithout\s+(asking|telling)|\b(do\s+not|don't|never)\s+(tell|inform|mention)|\bignore\s+(previous|prior|all|any)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HarmfulRule();

    [GeneratedRegex(@"\s--?[A-Za-z][\w-]*", RegexOptions.CultureInvariant)]
    private static partial Regex CommandFlag();

    /// <summary>Markdown files of the skill that SKILL.md names by path (links or code spans), read through <paramref name="lineAt"/>.</summary>
    private static HashSet<string> LinkedDocuments(Func<string, int, string?> lineAt)
    {
        var linked = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i <= 5000 && lineAt("SKILL.md", i) is { } line; i++)
        {
            foreach (Match m in DocumentPath().Matches(line))
            {
                linked.Add(m.Groups["path"].Value.TrimStart('.', '/'));
            }
        }
        return linked;
    }

    [GeneratedRegex(@"(?<path>(\./)?[\w.-]+(/[\w.-]+)*\.md)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentPath();

    /// <summary>The host an undeclared secret is sent to when it is not the secret's own vendor (OPENAI_API_KEY to a host without "openai").</summary>
    private static string? SecretSentElsewhere(ScanFinding f, Func<string, int, string?> lineAt)
    {
        var name = EnvName().Match(f.Message);
        if (!name.Success || f.Severity < Severity.High)
        {
            return null;
        }
        var vendor = name.Groups["vendor"].Value.ToLowerInvariant();
        // A key only the skill's own service issues (FOURTODO_API_TOKEN, LASTFM_API_KEY) has no other place to go; the theft is a
        // well-known provider's key sent to someone else.
        if (!StolenKeyVendors.Contains(vendor))
        {
            return null;
        }
        for (var i = 0; i <= 3; i++)
        {
            if (lineAt(f.File, f.Line + i) is not { } line || !line.Contains("fetch", StringComparison.Ordinal) && !line.Contains("post", StringComparison.OrdinalIgnoreCase) && !line.Contains("curl", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var url in Network.UrlFinder.Find(line))
            {
                if (!url.Host.Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Contains(vendor, StringComparison.Ordinal) && url.Host.Contains('.'))
                {
                    return url.Host;
                }
            }
        }
        return null;
    }

    [GeneratedRegex(@"reads (secret-like )?(?<vendor>[A-Z][A-Z0-9]+)_[A-Z0-9_]*(KEY|TOKEN|SECRET)", RegexOptions.CultureInvariant)]
    private static partial Regex EnvName();

    [GeneratedRegex(@"(?i)-(e|en|enc|encodedcommand)\s+[A-Za-z0-9+/=]{16,}|certutil\s[^\n]*-urlcache|\bmshta\s", RegexOptions.CultureInvariant)]
    private static partial Regex NeverAnInstaller();

    /// <summary>A table row or a list of indicators: names a host to warn about it, not to use it.</summary>
    private static bool Listed(string line) => line.TrimStart().StartsWith('|') || PatternList().IsMatch(line);

    [GeneratedRegex(@"sends data out \((?<file>[^:()]+):\d+:", RegexOptions.CultureInvariant)]
    private static partial Regex SendFile();

    private static string LineOf(ScanFinding f, Func<string, int, string?> lineAt) => lineAt(f.File, f.Line) ?? f.Snippet;

    private static string? Untrusted(ScanFinding f, Func<string, int, string?> lineAt, int window)
    {
        foreach (var line in Lines(f, lineAt, window))
        {
            if (SourceTrust.Untrusted(line, out _) is { } where)
            {
                return where;
            }
        }
        return null;
    }

    private static bool HasUrl(ScanFinding f, Func<string, int, string?> lineAt, int window)
    {
        foreach (var line in Lines(f, lineAt, window))
        {
            SourceTrust.Untrusted(line, out var hasUrl);
            if (hasUrl)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The finding's snippet and message, then its line and the lines around it (a continued command starts lines above).</summary>
    private static IEnumerable<string> Lines(ScanFinding f, Func<string, int, string?> lineAt, int window, int before = 2)
    {
        yield return f.Snippet;
        yield return f.Message;
        for (var i = -before; i <= window; i++)
        {
            if (lineAt(f.File, f.Line + i) is { } line)
            {
                yield return line;
            }
        }
    }
}
