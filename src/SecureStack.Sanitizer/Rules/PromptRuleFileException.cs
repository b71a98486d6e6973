namespace SecureStack.Sanitizer.Rules;

/// <summary>The rule file is missing or invalid; the message names the file and the problem. Callers fail closed.</summary>
public sealed class PromptRuleFileException : Exception
{
    public PromptRuleFileException(string message)
        : base(message)
    {
    }

    public PromptRuleFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
