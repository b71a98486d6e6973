using System.Text.RegularExpressions;

namespace SecureStack.Scanner.Rules.BuiltIn;

/// <summary>Shared vocabulary of the built-in rules: what counts as a secret, a send, a dangerous name.</summary>
internal static partial class Indicators
{
    /// <summary>Names that obfuscated code assembles to hide what it runs.</summary>
    public static readonly IReadOnlySet<string> DangerousNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "eval", "exec", "execSync", "execFile", "execFileSync", "spawn", "spawnSync", "fork", "child_process",
        "node:child_process", "Function", "constructor", "require", "import", "system", "popen", "subprocess",
        "os", "pty", "socket", "__import__", "compile", "globalThis", "process", "mainModule", "vm",
        "runInThisContext", "runInNewContext", "getattr", "builtins", "__builtins__", "fetch", "XMLHttpRequest",
        "curl", "wget", "bash", "sh", "/bin/sh", "/bin/bash", "powershell", "cmd.exe", "nc", "ncat", "base64",
    };

    /// <summary>True when assembled text names or contains something dangerous.</summary>
    public static bool IsDangerous(string text) =>
        DangerousNames.Contains(text.Trim()) || DangerousPhrase().IsMatch(text);

    [GeneratedRegex(@"child_process|\beval\s*\(|/dev/tcp/|\bcurl\s|\bwget\s|\|\s*(ba|z)?sh\b|\bbash\s+-[ci]|\bexec(Sync)?\s*\(|os\.system|subprocess|\.ssh/|\.openclaw|webhook|/bin/(ba)?sh", RegexOptions.CultureInvariant)]
    private static partial Regex DangerousPhrase();

    /// <summary>Files and stores that hold credentials (THREATS.md §1: what they steal).</summary>
    [GeneratedRegex(@"\.openclaw/(openclaw\.json|\.env|agents|credentials|auth)|auth-profiles\.json|\.clawdbot/|\.ssh/(id_|authorized_keys|config)|\.ssh\b|\.aws/(credentials|config)|\.aws\b|\.gnupg|\.config/gcloud|\.kube/config|\.docker/config\.json|\.netrc|\.npmrc|\.pypirc|\.git-credentials|Library/Keychains|login\.keychain|security\s+(find-generic-password|find-internet-password|dump-keychain)|Login Data|Local State|Cookies\.binarycookies|\.mozilla/firefox|Google/Chrome|google-chrome|BraveSoftware|Exodus|Electrum|\.bitcoin|\.ethereum|keystore|MetaMask|solana/id\.json|wallet\.dat|id_rsa|id_ed25519", RegexOptions.CultureInvariant)]
    public static partial Regex CredentialStore();

    /// <summary>A dotenv file being read (not written or merely named in prose).</summary>
    [GeneratedRegex(@"(\bcat|\bless|\bhead|\btail|\bsource|\bstrings|\bbase64|\bxxd|\bcp|\btar|\bzip|readFileSync|readFile|read_text|open|load_dotenv|fs\.read\w*)[\s(""'`]{1,4}([^\s;|&""'`]*/)?\.env\b(?!\.)", RegexOptions.CultureInvariant)]
    public static partial Regex DotEnvRead();

    /// <summary>The whole environment serialised, which sweeps up every key at once.</summary>
    [GeneratedRegex(@"JSON\.stringify\(\s*process\.env\s*\)|Object\.(entries|keys|values)\(\s*process\.env\s*\)|dict\(\s*os\.environ\s*\)|json\.dumps\(\s*(dict\()?os\.environ|\bprintenv\s*\||\benv\s*\|\s*(curl|nc|base64)|os\.environ\.copy\(\)\s*\)", RegexOptions.CultureInvariant)]
    public static partial Regex EnvironmentDump();

    /// <summary>Code that sends data over the network.</summary>
    [GeneratedRegex(@"\bcurl\b|\bwget\b|\bnc\b\s|\bncat\b|\bsocat\b|\bscp\b|\brsync\b|\bftp\b|/dev/(tcp|udp)/|\bfetch\s*\(|axios|\bhttps?\.(request|get|post)\b|XMLHttpRequest|sendBeacon|new\s+WebSocket|\brequests\.(post|put|get|patch|request)|urllib|httpx\.|http\.client|socket\.(socket|create_connection)|\.connect\(|smtplib|Invoke-WebRequest|Invoke-RestMethod|\biwr\b|\birm\b|discord(app)?\.com/api/webhooks|hooks\.slack\.com|webhook\.site", RegexOptions.CultureInvariant)]
    public static partial Regex NetworkSend();

    /// <summary>Prose asking to read secrets.</summary>
    [GeneratedRegex(@"(?i)\b(read|cat|open|collect|gather|grab|copy|dump|include|attach|load|extract|print|show)\b[^\n]{0,80}", RegexOptions.CultureInvariant)]
    public static partial Regex ProseReadVerb();

    /// <summary>Prose asking to send something somewhere.</summary>
    [GeneratedRegex(@"(?i)\b(send|upload|post|forward|transmit|exfiltrate|submit|share|sync|report|deliver|paste)\b[^\n]{0,100}(https?://|webhook|discord|slack|telegram|pastebin|endpoint|server|our api|\bto\s+the\s+(url|address))", RegexOptions.CultureInvariant)]
    public static partial Regex ProseSend();

    /// <summary>Agent memory and persistence targets (THREATS.md §1 persistence).</summary>
    [GeneratedRegex(@"\b(SOUL|MEMORY|AGENTS|USER|IDENTITY|HEARTBEAT|TOOLS)\.md\b|openclaw\.json|/etc/cron|/var/spool/cron|\bcrontab\b|LaunchAgents|LaunchDaemons|\.plist\b|systemd/(user|system)|\.config/systemd|\.service\b|\.bashrc|\.zshrc|\.bash_profile|\.profile\b|\.zprofile|/etc/rc\.local|authorized_keys", RegexOptions.CultureInvariant)]
    public static partial Regex PersistenceTarget();

    /// <summary>A file write in shell, JS or Python on one line.</summary>
    [GeneratedRegex(@"(?:^|(?<=[\s\d&]))>>?\s*[""']?[~/$\w.]|\btee\b|writeFile(Sync)?\s*\(|appendFile(Sync)?\s*\(|createWriteStream\s*\(|open\([^)]*['""](w|a|wb|ab|w\+|a\+)['""]|write_text\(|\.write\(|\bcp\s|\bmv\s|\binstall\s+-|\bln\s+-s|\bsed\s+-i|crontab\s+(-\s*$|-\s*[;&|]|[^-\s])|\|\s*crontab|launchctl\s+(load|bootstrap)|systemctl\s+(--user\s+)?enable", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    public static partial Regex FileWrite();
}
