using System.Text.RegularExpressions;

namespace SecureStack.Scanner.Rules.Linking;

/// <summary>The Python vocabulary of capability linking: which modules send data out, which calls read files.</summary>
internal static partial class PythonCapabilities
{
    /// <summary>Modules whose use means the program talks to the network (cloud SDKs left out: they send to their own service).</summary>
    public static readonly IReadOnlySet<string> NetworkModules = new HashSet<string>(StringComparer.Ordinal)
    {
        "requests", "httpx", "urllib", "urllib2", "urllib3", "http", "aiohttp", "socket", "smtplib", "ftplib", "paramiko",
        "pycurl", "websocket", "websockets", "telnetlib", "asyncssh", "dns", "httplib2", "treq", "tornado",
    };

    /// <summary>The top-level package of a dotted module name.</summary>
    public static string Top(string module) => module.Split('.')[0];

    /// <summary>True when the module text reads files in some way, so a credential path in it is a read and not a label.</summary>
    public static bool ReadsFiles(string text) => FileRead().IsMatch(text);

    /// <summary>True when the names a bytecode module uses include a file read.</summary>
    public static bool ReadsFiles(IEnumerable<string> names) => names.Any(n => n is "open" or "read_text" or "read_bytes" or "read" or "readlines" or "copy" or "copyfile" or "load_dotenv" or "check_output" or "getoutput");

    [GeneratedRegex(@"\bopen\s*\(|\.read_(text|bytes)\s*\(|\.read\s*\(|\breadlines\s*\(|\bshutil\.copy|\bcopyfile\s*\(|\bload_dotenv\b|\bcheck_output\s*\(|\bgetoutput\s*\(|\btarfile\b|\bzipfile\b", RegexOptions.CultureInvariant)]
    private static partial Regex FileRead();
}
