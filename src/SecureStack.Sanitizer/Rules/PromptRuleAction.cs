namespace SecureStack.Sanitizer.Rules;

/// <summary>What a rule does when it fires, in increasing severity.</summary>
public enum PromptRuleAction
{
    /// <summary>Nothing fired.</summary>
    None,

    /// <summary>Audit only; the text passes unchanged.</summary>
    Flag,

    /// <summary>Remove the matched span; the rest passes.</summary>
    Strip,

    /// <summary>Refuse the whole request.</summary>
    Reject,
}
