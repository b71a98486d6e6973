using System.Text;
using SecureStack.Scanner.Archives;
using SecureStack.Scanner.Bytecode;
using SecureStack.Scanner.Rules;
using SecureStack.Scanner.Rules.BuiltIn;
using YamlDotNet.Core;

namespace SecureStack.Scanner.Skills;

/// <summary>Scans one skill: reads every file once, builds the units, runs the rules, decodes and rescans blobs.</summary>
internal sealed class SkillAnalysis
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly RuleSet _rules;
    private readonly ParserPool _parsers;
    private readonly ScannerOptions _options;
    private readonly FindingSink _sink = new();
    private readonly ArchiveLimits _archiveLimits = new();

    public SkillAnalysis(RuleSet rules, ParserPool parsers, ScannerOptions options)
    {
        _rules = rules;
        _parsers = parsers;
        _options = options;
    }

    public (string Name, string Checksum, IReadOnlyList<ScanFinding> Findings, IReadOnlySet<string> RunFiles) Run(string path)
    {
        var isFile = File.Exists(path) && !Directory.Exists(path);
        if (!isFile && !Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"{path}: no such skill folder or file");
        }
        var root = isFile ? Path.GetDirectoryName(path)! : path;
        var name = Path.GetFileName(path.TrimEnd('/'));
        List<SkillEntry> entries;
        if (isFile)
        {
            var info = new FileInfo(path);
            entries = [new SkillEntry(info.Name, info.FullName, EntryKind.File, info.Length, info.UnixFileMode, null)];
        }
        else
        {
            entries = SkillFiles.Enumerate(path);
        }
        var skill = new SkillContext(name, root, null);
        if ((isFile ? new FileInfo(path).LinkTarget : new DirectoryInfo(path).LinkTarget) is { } linkTarget)
        {
            // Never followed, like every symlink inside a skill: the target may be anything, and it can change after the scan.
            var link = new SkillEntry(name, path, EntryKind.Symlink, 0, 0, linkTarget);
            _sink.Add(SymlinkedSkillRule.Descriptor, name, 1, $"-> {linkTarget}", SymlinkedSkillRule.Message(linkTarget));
            return (name, SkillChecksum.FromEntries([link], _ => string.Empty), [.. _sink.Findings], new HashSet<string>());
        }
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var units = new List<CodeUnit>();
        var files = 0;
        foreach (var entry in entries)
        {
            switch (entry.Kind)
            {
                case EntryKind.Symlink:
                    FileTypeRule.InspectSymlink(entry, root, _sink);
                    break;
                case EntryKind.Other:
                    _sink.Add(FileTypeRule.Incomplete, entry.RelativePath, 1, entry.RelativePath, "not a regular file or not readable", Severity.Medium);
                    break;
                case EntryKind.File when ++files > _options.MaxFiles:
                    if (files == _options.MaxFiles + 1)
                    {
                        _sink.Add(FileTypeRule.Incomplete, entry.RelativePath, 1, entry.RelativePath, $"more than {_options.MaxFiles} files; the rest was not scanned");
                    }
                    break;
                case EntryKind.File:
                    ReadFile(entry, skill, units, hashes);
                    break;
                default:
                    break;
            }
        }
        if (!isFile && !entries.Any(e => e.RelativePath == "SKILL.md" && e.Kind == EntryKind.File))
        {
            _sink.Add(MetadataCoherenceRule.Invalid, "SKILL.md", 1, "(missing)", "the skill folder has no SKILL.md");
        }
        AddRunUnits(units, skill);
        foreach (var unit in units)
        {
            ScanUnit(unit, skill, _sink);
        }
        foreach (var rule in _rules.All)
        {
            rule.DetectSkill(skill, _sink);
        }
        var checksum = SkillChecksum.FromEntries(entries, e => hashes.TryGetValue(e.RelativePath, out var hash) ? hash : SkillChecksum.HashFile(e.FullPath));
        var findings = _sink.Findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        return (skill.Frontmatter?.Name ?? name, checksum, findings, skill.Interpreters.Keys.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Scans one piece of text as if it were a skill's file (SKILL.md for Markdown); for rule examples.</summary>
    public IReadOnlyList<ScanFinding> RunSnippet(SourceLanguage language, string text)
    {
        var skill = new SkillContext("snippet", Directory.GetCurrentDirectory(), null);
        var units = new List<CodeUnit>();
        if (language == SourceLanguage.Markdown)
        {
            AddMarkdown("SKILL.md", text, skill, units);
        }
        else
        {
            units.Add(new CodeUnit("snippet", language, UnitOrigin.File, text, 1));
        }
        foreach (var unit in units)
        {
            ScanUnit(unit, skill, _sink);
        }
        foreach (var rule in _rules.All)
        {
            rule.DetectSkill(skill, _sink);
        }
        return [.. _sink.Findings];
    }

    /// <summary>
    /// A file the skill's Markdown runs with an interpreter is scanned as that interpreter's language too, whatever its
    /// extension says (.txt, .cfg, .dat, none): <c>bash setup/steps.txt</c> makes steps.txt a shell script.
    /// </summary>
    private static void AddRunUnits(List<CodeUnit> units, SkillContext skill)
    {
        var files = new Dictionary<string, CodeUnit>(StringComparer.Ordinal);
        foreach (var unit in units.Where(u => u.Origin == UnitOrigin.File))
        {
            files.TryAdd(unit.File, unit);
        }
        var names = files.Keys.ToHashSet(StringComparer.Ordinal);
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in units.Where(u => u.Origin == UnitOrigin.File && u.Language == SourceLanguage.Markdown).ToList())
        {
            foreach (var reference in RunReferences.Find(document.Text))
            {
                if (RunReferences.Resolve(reference.Path, names) is not { } file || files[file].Language == SourceLanguage.Markdown)
                {
                    continue;
                }
                skill.Interpreters.TryAdd(file, reference.Interpreter);
                var target = files[file];
                // Only files no extension or shebang classified: "bun x.ts" and "node x.mjs" are already scanned as what they are.
                if (RunReferences.LanguageOf(reference.Interpreter) is { } language && target.Language == SourceLanguage.Text && added.Add(file))
                {
                    units.Add(new CodeUnit(file, language, UnitOrigin.File, target.Text, 1));
                }
            }
        }
    }

    private void ReadFile(SkillEntry entry, SkillContext skill, List<CodeUnit> units, Dictionary<string, string> hashes)
    {
        if (entry.Size > _options.MaxFileBytes)
        {
            _sink.Add(FileTypeRule.Incomplete, entry.RelativePath, 1, entry.RelativePath, $"{entry.Size / 1024 / 1024} MB is over the {_options.MaxFileBytes / 1024 / 1024} MB limit; not scanned");
            return;
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(entry.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _sink.Add(FileTypeRule.Incomplete, entry.RelativePath, 1, entry.RelativePath, $"cannot be read: {e.Message}");
            return;
        }
        hashes[entry.RelativePath] = SkillChecksum.HashBytes(bytes);
        ReadContent(entry.RelativePath, bytes, skill, units, 0);
    }

    /// <summary>Turns a file's bytes (from disk or from inside an archive) into units, findings and skill facts.</summary>
    private void ReadContent(string file, byte[] bytes, SkillContext skill, List<CodeUnit> units, int archiveDepth)
    {
        skill.Files[file] = true;
        if (PythonBytecode.IsBytecode(file, bytes))
        {
            PythonBytecode.Read(file, bytes, skill, units, _sink);
            return;
        }
        if (!FileTypeRule.IsText(bytes))
        {
            FileTypeRule.Inspect(file, bytes, _sink);
            if (ArchiveReader.Format(bytes) is not null)
            {
                ReadArchive(file, bytes, skill, units, archiveDepth + 1);
                return;
            }
            // Agents and interpreters read a file named as Markdown or source as text, NUL bytes or not:
            // one NUL must not hide the rest of SKILL.md or run.sh from the rules.
            if (FileTypeRule.HasMagic(bytes) || SourceClassifier.Classify(file, "") == SourceLanguage.Text)
            {
                return;
            }
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Still scanned: the replacement characters only cost the bytes that were not text.
            text = Encoding.UTF8.GetString(bytes);
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var language = SourceClassifier.Classify(file, text);
        if (language == SourceLanguage.Markdown)
        {
            AddMarkdown(file, text, skill, units);
            return;
        }
        units.Add(new CodeUnit(file, language, UnitOrigin.File, text, 1));
        if (Path.GetFileName(file) == "package.json")
        {
            units.AddRange(PackageScriptRule.Scripts(file, text, _sink));
        }
    }

    /// <summary>Scans an archive's entries in memory, never on disk; nested archives recurse up to <see cref="ArchiveLimits.MaxDepth"/>.</summary>
    private void ReadArchive(string file, byte[] bytes, SkillContext skill, List<CodeUnit> units, int depth)
    {
        var (entries, problem) = ArchiveReader.Read(file, bytes, depth, _archiveLimits, _options.MaxFileBytes);
        foreach (var entry in entries)
        {
            if (entry.LinkTarget is { } target)
            {
                var escapes = target.StartsWith('/') || target.Split('/').Contains("..");
                _sink.Add(escapes ? FileTypeRule.SymlinkEscape : FileTypeRule.Symlink, entry.Path, 1, $"-> {target}",
                    $"archive entry links to {target}{(escapes ? ", outside the archive" : string.Empty)}");
                continue;
            }
            ReadContent(entry.Path, entry.Content, skill, units, depth);
        }
        if (problem is not null)
        {
            _sink.Add(ArchiveContentRule.Unscanned, file, 1, file, problem);
        }
    }

    private void AddMarkdown(string file, string text, SkillContext skill, List<CodeUnit> units)
    {
        var document = MarkdownDocument.Parse(file, text);
        var isSkillFile = file == "SKILL.md" || (Path.GetFileName(file) == "SKILL.md" && skill.Frontmatter is null && !file.Contains('/'));
        if (isSkillFile)
        {
            skill.Documents.Insert(0, document);
            if (document.Frontmatter is { } front)
            {
                try
                {
                    skill.Frontmatter = FrontmatterReader.Read(front.Yaml, front.Line);
                }
                catch (YamlException e)
                {
                    _sink.Add(MetadataCoherenceRule.Invalid, file, front.Line + (int)e.Start.Line - 1, front.Yaml.Split('\n')[0], $"frontmatter is not valid YAML: {e.Message}");
                }
            }
            else
            {
                _sink.Add(MetadataCoherenceRule.Invalid, file, 1, text.Split('\n')[0], "SKILL.md has no YAML frontmatter");
            }
        }
        else
        {
            skill.Documents.Add(document);
        }
        units.Add(new CodeUnit(file, SourceLanguage.Markdown, UnitOrigin.File, text, 1));
        units.AddRange(document.CodeUnits);
    }

    private void ScanUnit(CodeUnit unit, SkillContext skill, FindingSink sink)
    {
        if (unit.Grammar is { } grammar)
        {
            unit.Tree = _parsers.Get(grammar).Parse(unit.Utf8);
        }
        try
        {
            foreach (var rule in _rules.All)
            {
                rule.Detect(unit, skill, sink);
            }
        }
        finally
        {
            unit.Tree?.Dispose();
            unit.Tree = null;
        }
        foreach (var decoded in EncodedPayloadRule.Decode(unit))
        {
            var inner = new FindingSink();
            ScanUnit(decoded, skill, inner);
            var worst = inner.Findings.Where(f => f.RuleId != NetworkDestinationRule.Unlisted.Id).Select(f => (Severity?)f.Severity).Max();
            if (worst is null || worst < Severity.Medium)
            {
                continue;
            }
            foreach (var finding in inner.Findings)
            {
                sink.Add(finding);
            }
            var ids = string.Join(", ", inner.Findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal));
            sink.Add(EncodedPayloadRule.Descriptor, unit.File, decoded.FirstLine, decoded.Text,
                $"encoded content decodes to \"{Snippets.Trim(decoded.Text)}\" ({ids})",
                worst > Severity.High ? worst : Severity.High);
        }
    }
}
