using SecureStack.Scanner.Rules.BuiltIn;
using SecureStack.Scanner.Skills;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Rules.Linking;

/// <summary>
/// Links capabilities across a skill's Python modules (THREATS.md §1 family 7): one module reads a credential, another
/// sends data out, and the imports between them (directly, or through a module that imports both) make them one
/// program. Sends are recognised by the network module imported, however the call is spelled
/// (<c>from requests import Session; Session().post(..)</c>). Bytecode modules take part through their names.
/// </summary>
internal sealed class CrossModuleRule : ScanRule
{
    public static readonly RuleDescriptor Linked = new(
        "SS-CRED-EXFIL-LINKED", "Credential read linked to a network send across modules", Severity.Critical,
        "One Python module of the skill reads a credential and a module linked to it by imports sends data over the network.");

    private const int MaxEvidence = 3;

    public override IReadOnlyList<RuleDescriptor> Descriptors { get; } = [Linked];

    public override void Detect(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (unit.Language != SourceLanguage.Python || unit.Origin != UnitOrigin.File || unit.Tree is null)
        {
            return;
        }
        var imports = new HashSet<string>(StringComparer.Ordinal);
        var reads = new List<Evidence>();
        var sends = new List<Evidence>();
        var readsFiles = PythonCapabilities.ReadsFiles(unit.Text);
        using var cursor = unit.Tree.Root.Walk();
        foreach (var node in cursor.DescendantsAndSelf())
        {
            switch (node.Type)
            {
                case "import_statement" or "import_from_statement":
                    AddImports(node, unit, imports, sends);
                    break;
                case "call" when node.ChildByField("function").Text is "__import__" or "importlib.import_module" or "import_module":
                    var arguments = node.ChildByField("arguments");
                    if (!arguments.IsNull && arguments.NamedChildCount > 0 && StringFolder.Fold(arguments.NamedChild(0)) is { } computed)
                    {
                        AddImport(computed, unit, node, imports, sends);
                    }
                    break;
                case "string" when readsFiles && reads.Count < MaxEvidence && node.Parent.Type != "expression_statement":
                    if (StringFolder.Literal(node) is { } literal && Indicators.CredentialStore().Match(literal) is { Success: true } store)
                    {
                        reads.Add(new Evidence(unit.File, unit.PositionOf(node).Line, store.Value));
                    }
                    break;
                default:
                    break;
            }
        }
        skill.PythonModules.Add(new PythonModule(unit.File, imports, reads, sends));
    }

    public override void DetectSkill(SkillContext skill, FindingSink sink)
    {
        var modules = skill.PythonModules.OrderBy(m => m.File, StringComparer.Ordinal).ToList();
        if (!modules.Any(m => m.Reads.Count > 0) || !modules.Any(m => m.Sends.Count > 0))
        {
            return;
        }
        var byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < modules.Count; i++)
        {
            foreach (var name in modules[i].ImportNames())
            {
                (byName.TryGetValue(name, out var list) ? list : byName[name] = []).Add(i);
            }
        }
        var parent = Enumerable.Range(0, modules.Count).ToArray();
        for (var i = 0; i < modules.Count; i++)
        {
            foreach (var imported in modules[i].Imports)
            {
                if (byName.TryGetValue(imported, out var targets))
                {
                    foreach (var target in targets)
                    {
                        parent[Find(parent, i)] = Find(parent, target);
                    }
                }
            }
        }
        foreach (var component in Enumerable.Range(0, modules.Count).GroupBy(i => Find(parent, i)))
        {
            var members = component.Select(i => modules[i]).ToList();
            var reads = members.SelectMany(m => m.Reads).ToList();
            var sends = members.SelectMany(m => m.Sends).ToList();
            // A pair within one file is SS-CRED-EXFIL's, unless that rule saw no send anywhere (a send it cannot spell).
            var pair = reads.SelectMany(r => sends.Select(s => (Read: r, Send: s))).FirstOrDefault(p => p.Read.File != p.Send.File);
            if (pair.Read is null && reads.Count > 0 && sends.Count > 0 && skill.NetworkSends.IsEmpty)
            {
                pair = (reads[0], sends[0]);
            }
            if (pair.Read is not { } read || pair.Send is not { } send)
            {
                continue;
            }
            var via = members.Count > 2 ? $"; linked through {string.Join(", ", members.Select(m => m.File).Where(f => f != read.File && f != send.File))}" : string.Empty;
            sink.Add(Linked, read.File, read.Line, read.What,
                $"{read.File}:{read.Line} reads {read.What}, and {send.File}:{send.Line} {send.What}, in the same program{via}");
        }
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void AddImports(SyntaxNode statement, CodeUnit unit, HashSet<string> imports, List<Evidence> sends)
    {
        var module = statement.ChildByField("module_name");
        var from = module.IsNull ? null : module.Text.TrimStart('.');
        if (from is { Length: > 0 })
        {
            AddImport(from, unit, statement, imports, sends);
        }
        for (var i = 0; i < statement.NamedChildCount; i++)
        {
            var child = statement.NamedChild(i);
            if (child.StartByte == module.StartByte && !module.IsNull)
            {
                continue;
            }
            var name = child.Type == "aliased_import" ? child.ChildByField("name").Text : child.Type == "dotted_name" ? child.Text : null;
            if (name is null)
            {
                continue;
            }
            // "from pkg import mod" may import a submodule: both pkg.mod and mod name a module of the skill.
            AddImport(from is { Length: > 0 } ? $"{from}.{name}" : name, unit, statement, imports, sends);
            if (from is not null)
            {
                imports.Add(name);
            }
        }
    }

    private static void AddImport(string module, CodeUnit unit, SyntaxNode node, HashSet<string> imports, List<Evidence> sends)
    {
        imports.Add(module);
        if (PythonCapabilities.IsNetworkModule(module) && sends.Count < MaxEvidence)
        {
            sends.Add(new Evidence(unit.File, unit.PositionOf(node).Line, $"sends data out (imports {module})"));
        }
    }
}
