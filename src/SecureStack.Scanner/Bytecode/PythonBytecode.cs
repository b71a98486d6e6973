using System.Text;
using SecureStack.Scanner.Rules;
using SecureStack.Scanner.Rules.BuiltIn;
using SecureStack.Scanner.Rules.Linking;
using SecureStack.Scanner.Skills;

namespace SecureStack.Scanner.Bytecode;

/// <summary>
/// Turns a .pyc into what the rules read: a Python listing of its string constants (scanned by every Python and text
/// rule), credential reads and network sends for the skill-wide pairing, and a module summary for import linking.
/// </summary>
internal static class PythonBytecode
{
    private const int MaxListedStrings = 10_000;

    /// <summary>
    /// A .pyc by name (read or reported as unreadable, never passed as unknown binary), or any file that starts with a
    /// CPython 3 magic number and a code object (a renamed .pyc run by a loader).
    /// </summary>
    public static bool IsBytecode(string file, ReadOnlySpan<byte> bytes)
    {
        if (Path.GetExtension(file).ToLowerInvariant() is ".pyc" or ".pyo")
        {
            return true;
        }
        if (PycReader.Magic(bytes) is not { } magic)
        {
            return false;
        }
        var header = magic >= 3392 ? 16 : magic >= 3230 ? 12 : 8;
        return bytes.Length > header && (bytes[header] & 0x7F) == 'c';
    }

    public static void Read(string file, byte[] bytes, SkillContext skill, List<CodeUnit> units, FindingSink sink)
    {
        PycModule module;
        try
        {
            module = PycReader.Read(bytes);
        }
        catch (PycFormatException e)
        {
            sink.Add(PythonBytecodeRule.Unreadable, file, 1, Path.GetFileName(file), $"{e.Message}; the bytecode was not scanned");
            return;
        }
        skill.Bytecode.Add((file, module));
        units.Add(new CodeUnit(file, SourceLanguage.Python, UnitOrigin.Bytecode, Listing(module), 1));

        var names = module.Code.SelectMany(c => c.Names).ToHashSet(StringComparer.Ordinal);
        var reads = new List<Evidence>();
        var sends = new List<Evidence>();
        var readsFiles = PythonCapabilities.ReadsFiles(names);
        foreach (var code in module.Code)
        {
            foreach (var text in code.Strings)
            {
                if (readsFiles && Indicators.CredentialStore().Match(text) is { Success: true } store)
                {
                    reads.Add(new Evidence(file, 1, $"{store.Value} (in {code.Name})"));
                }
            }
            foreach (var name in code.Names.Where(PythonCapabilities.IsNetworkModule))
            {
                sends.Add(new Evidence(file, 1, $"uses {name} (in {code.Name})"));
            }
        }
        foreach (var read in reads.Take(3))
        {
            skill.CredentialReads.Add(read);
        }
        foreach (var send in sends.Take(1))
        {
            skill.NetworkSends.Add(send);
        }
        skill.PythonModules.Add(new PythonModule(file, names, reads, sends));
    }

    /// <summary>One comment line of names per code object, then its strings as Python literals, one per line.</summary>
    private static string Listing(PycModule module)
    {
        var builder = new StringBuilder();
        builder.Append("# CPython ").Append(module.Version).Append(" bytecode\n");
        var listed = 0;
        foreach (var code in module.Code)
        {
            builder.Append("# code ").Append(code.Name).Append(" (line ").Append(code.FirstLine).Append("): names ")
                .AppendJoin(", ", code.Names).Append('\n');
            foreach (var text in code.Strings)
            {
                if (++listed > MaxListedStrings)
                {
                    return builder.ToString();
                }
                builder.Append(Literal(text)).Append('\n');
            }
        }
        return builder.ToString();
    }

    private static string Literal(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"' or '\\':
                    builder.Append('\\').Append(c);
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case < ' ':
                    builder.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
