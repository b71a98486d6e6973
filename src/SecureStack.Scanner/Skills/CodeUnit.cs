using System.Text;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Skills;

/// <summary>A piece of text scanned as one language: a file, a code block, a decoded blob.</summary>
internal sealed class CodeUnit
{
    private int[]? _lineStarts;

    public CodeUnit(string file, SourceLanguage language, UnitOrigin origin, string text, int firstLine, int depth = 0)
    {
        File = file;
        Language = language;
        Origin = origin;
        Text = text;
        FirstLine = firstLine;
        Depth = depth;
        Utf8 = Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Path relative to the skill folder.</summary>
    public string File { get; }

    public SourceLanguage Language { get; }

    public UnitOrigin Origin { get; }

    public string Text { get; }

    public byte[] Utf8 { get; }

    /// <summary>1-based line of the file where this unit's first line sits.</summary>
    public int FirstLine { get; }

    /// <summary>How many decode steps led here (0 for content as written).</summary>
    public int Depth { get; }

    /// <summary>Set by the engine for languages with a grammar; null when there is none or parsing failed.</summary>
    public SyntaxTree? Tree { get; set; }

    public Grammar? Grammar => Language switch
    {
        SourceLanguage.JavaScript => TreeSitter.Grammar.JavaScript,
        SourceLanguage.TypeScript => TreeSitter.Grammar.TypeScript,
        SourceLanguage.Tsx => TreeSitter.Grammar.Tsx,
        SourceLanguage.Bash => TreeSitter.Grammar.Bash,
        SourceLanguage.Python => TreeSitter.Grammar.Python,
        _ => null,
    };

    /// <summary>True for code the skill runs or tells someone to run (not prose).</summary>
    public bool IsCode => Grammar is not null;

    /// <summary>1-based file line and column of a character index in <see cref="Text"/>.</summary>
    public (int Line, int Column) PositionOf(int charIndex)
    {
        var starts = _lineStarts ??= LineStarts(Text);
        var row = Array.BinarySearch(starts, charIndex);
        if (row < 0)
        {
            row = ~row - 1;
        }
        return (FirstLine + row, charIndex - starts[row] + 1);
    }

    /// <summary>1-based file line and column of a node.</summary>
    public (int Line, int Column) PositionOf(SyntaxNode node)
    {
        var (row, column) = node.Start;
        return (FirstLine + row, column + 1);
    }

    /// <summary>The line of text around a character index, trimmed for a report.</summary>
    public string LineAt(int charIndex)
    {
        var start = charIndex <= 0 ? 0 : Text.LastIndexOf('\n', Math.Min(charIndex, Text.Length) - 1) + 1;
        var end = Text.IndexOf('\n', Math.Min(charIndex, Text.Length));
        return Snippets.Trim(Text[start..(end < 0 ? Text.Length : end)]);
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return [.. starts];
    }
}
