using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SecureStack.Scanner.Skills;

/// <summary>
/// A Markdown file of a skill split into what the agent reads: the prose, fenced and inline code (as units of
/// their language), links, HTML comments and, for SKILL.md, the YAML frontmatter text.
/// </summary>
internal sealed partial class MarkdownDocument
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePreciseSourceLocation()
        .Build();

    private MarkdownDocument(string file)
    {
        File = file;
    }

    public string File { get; }

    public List<CodeUnit> CodeUnits { get; } = [];

    public List<DocumentLink> Links { get; } = [];

    public List<DocumentComment> Comments { get; } = [];

    /// <summary>The frontmatter YAML and its 1-based first line, or null when there is none.</summary>
    public (string Yaml, int Line)? Frontmatter { get; private set; }

    public static MarkdownDocument Parse(string file, string text)
    {
        var document = new MarkdownDocument(file);
        var syntax = Markdown.Parse(text, Pipeline);
        foreach (var node in syntax.Descendants())
        {
            switch (node)
            {
                case YamlFrontMatterBlock front:
                    document.Frontmatter = (front.Lines.ToString(), front.Line + 2);
                    break;
                case FencedCodeBlock fenced:
                    document.AddBlock(fenced.Info, fenced.Lines.ToString(), fenced.Line + 2);
                    break;
                case CodeBlock indented when indented is not FencedCodeBlock:
                    document.AddBlock(null, indented.Lines.ToString(), indented.Line + 1);
                    break;
                case HtmlBlock html when html.Type == HtmlBlockType.Comment:
                    document.Comments.Add(new DocumentComment(html.Lines.ToString(), html.Line + 1));
                    break;
                case HtmlInline inline when inline.Tag.StartsWith("<!--", StringComparison.Ordinal):
                    document.Comments.Add(new DocumentComment(inline.Tag, inline.Line + 1));
                    break;
                case CodeInline code when LooksLikeShell(code.Content):
                    document.CodeUnits.Add(new CodeUnit(file, SourceLanguage.Bash, UnitOrigin.InlineCode, code.Content, code.Line + 1));
                    break;
                case LinkInline { Url: { Length: > 0 } url } link:
                    document.Links.Add(new DocumentLink(url, link.Line + 1));
                    break;
                case AutolinkInline auto:
                    document.Links.Add(new DocumentLink(auto.Url, auto.Line + 1));
                    break;
                default:
                    break;
            }
        }
        foreach (var definition in syntax.Descendants<LinkReferenceDefinition>())
        {
            if (!string.IsNullOrEmpty(definition.Url))
            {
                document.Links.Add(new DocumentLink(definition.Url, definition.Line + 1));
            }
        }
        return document;
    }

    /// <summary>A one-liner that starts like a shell command, or has a pipe or command substitution.</summary>
    internal static bool LooksLikeShell(string code) => ShellStart().IsMatch(code) || code.Contains(" | ", StringComparison.Ordinal) || code.Contains("$(", StringComparison.Ordinal);

    private void AddBlock(string? info, string content, int firstLine)
    {
        var language = LanguageOfTag(info);
        if (language is null && (string.IsNullOrWhiteSpace(info) && LooksLikeShell(FirstCodeLine(content))))
        {
            language = SourceLanguage.Bash;
        }
        var tag = info?.Trim().ToLowerInvariant();
        if (language == SourceLanguage.Bash && tag is "console" or "shellsession" or "terminal")
        {
            content = PromptPrefix().Replace(content, string.Empty);
        }
        CodeUnits.Add(new CodeUnit(File, language ?? SourceLanguage.Text, UnitOrigin.CodeBlock, content, firstLine));
    }

    private static SourceLanguage? LanguageOfTag(string? info)
    {
        var tag = info?.Trim().Split(' ', 2)[0].ToLowerInvariant();
        return tag switch
        {
            "bash" or "sh" or "shell" or "zsh" or "console" or "shellsession" or "terminal" => SourceLanguage.Bash,
            "js" or "javascript" or "node" or "mjs" or "cjs" or "jsx" => SourceLanguage.JavaScript,
            "ts" or "typescript" or "mts" or "cts" => SourceLanguage.TypeScript,
            "tsx" => SourceLanguage.Tsx,
            "py" or "python" or "python3" => SourceLanguage.Python,
            _ => null,
        };
    }

    private static string FirstCodeLine(string content)
    {
        foreach (var line in content.Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith('#'))
            {
                return line;
            }
        }
        return string.Empty;
    }

    [GeneratedRegex(@"^\s*(sudo\s+)?(curl|wget|bash|sh|zsh|echo|cat|chmod|chown|rm|cp|mv|mkdir|npm|npx|pnpm|yarn|pip3?|python3?|node|brew|apt(-get)?|git|export|source|eval|nc|ncat|socat|base64|openssl|security|crontab|launchctl|systemctl|osascript|powershell|iex|irm|tar|unzip|7z|open|xattr|env|printenv|scp|rsync|ssh)(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ShellStart();

    [GeneratedRegex(@"^\s*\$ ", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PromptPrefix();
}
