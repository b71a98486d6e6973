using System.Text.RegularExpressions;

namespace SecureStack.Scanner.Rules.Linking;

/// <summary>The Python vocabulary of capability linking: which modules send data out, which calls read files.</summary>
internal static partial class PythonCapabilities
{
    /// <summary>Modules whose use means the program talks to the network (cloud SDKs left out: they send to their own service).</summary>
    private static readonly HashSet<string> NetworkPackages = new(StringComparer.Ordinal)
    {
        "requests", "httpx", "urllib3", "urllib2", "aiohttp", "socket", "smtplib", "ftplib", "paramiko", "pycurl",
        "websocket", "websockets", "telnetlib", "asyncssh", "httplib2", "treq",
    };

    /// <summary>Network modules inside packages that also hold local helpers (urllib.parse, http.server are not sends).</summary>
    private static readonly HashSet<string> NetworkSubmodules = new(StringComparer.Ordinal) { "urllib.request", "http.client" };

    /// <summary>True when importing this module (or a name from it) means the program sends data over the network.</summary>
    public static bool IsNetworkModule(string module) =>
        NetworkPackages.Contains(module.Split('.')[0]) || NetworkSubmodules.Contains(module)
        || NetworkSubmodules.Any(m => module.StartsWith(m + ".", StringComparison.Ordinal));

    /// <summary>True when the module text reads files in some way, so a credential path in it is a read and not a label.</summary>
    public static bool ReadsFiles(string text) => FileRead().IsMatch(text);

    /// <summary>True when the names a bytecode module uses include a file read.</summary>
    public static bool ReadsFiles(IEnumerable<string> names) => names.Any(n => n is "open" or "read_text" or "read_bytes" or "read" or "readlines" or "copy" or "copyfile" or "load_dotenv" or "check_output" or "getoutput");

    [GeneratedRegex(@"\bopen\s*\(|\.read_(text|bytes)\s*\(|\.read\s*\(|\breadlines\s*\(|\bshutil\.copy|\bcopyfile\s*\(|\bload_dotenv\b|\bcheck_output\s*\(|\bgetoutput\s*\(|\btarfile\b|\bzipfile\b", RegexOptions.CultureInvariant)]
    private static partial Regex FileRead();
}
