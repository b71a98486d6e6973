namespace SecureStack.Scanner.Evaluation;

/// <summary>One labelled skill and its scan: id (<c>source/…</c>), source set, split, label and report.</summary>
public sealed record EvaluatedSkill(string Id, string Source, string Split, LabelEntry? Entry, ScanReport Report)
{
    public SkillLabel Label => Entry?.Label ?? SkillLabel.PresumedBenign;
}
