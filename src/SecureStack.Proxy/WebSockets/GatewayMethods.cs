using System.Collections.Frozen;
using System.Reflection;

namespace SecureStack.Proxy.WebSockets;

/// <summary>
/// The pinned OpenClaw gateway's WebSocket methods and the operator scope each requires, from the gateway's own
/// policy table (embedded <c>gateway-methods.tsv</c>; a test regenerates it from the installed package and fails on
/// any difference, so an upgrade cannot add a method the proxy has not classified).
/// </summary>
internal static class GatewayMethods
{
    /// <summary>The scope of methods whose required scope the gateway decides from their params.</summary>
    public const string Dynamic = "dynamic";

    /// <summary>The scope of methods reserved for node-role clients.</summary>
    public const string Node = "node";

    public const string Admin = "operator.admin";

    private static readonly Lazy<(FrozenDictionary<string, string> Scopes, FrozenSet<string> Plugins)> Table = new(Load);

    /// <summary>Method name to scope; ordinal (the gateway's lookup is exact).</summary>
    public static FrozenDictionary<string, string> Scopes => Table.Value.Scopes;

    /// <summary>The methods of the table that bundled plugins register (the rest are the gateway's core methods).</summary>
    public static FrozenSet<string> PluginMethods => Table.Value.Plugins;

    private static (FrozenDictionary<string, string>, FrozenSet<string>) Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SecureStack.Proxy.WebSockets.gateway-methods.tsv")
            ?? throw new InvalidOperationException("The gateway method table is missing from the proxy assembly; rebuild the proxy.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        var plugins = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // method TAB scope [TAB plugin:<id>]
            var columns = line.Split('\t');
            table.Add(columns[0], columns[1]);
            if (columns.Length > 2)
            {
                plugins.Add(columns[0]);
            }
        }

        return (table.ToFrozenDictionary(StringComparer.Ordinal), plugins.ToFrozenSet(StringComparer.Ordinal));
    }
}
