using System.CommandLine;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack eval prompts|skills</c>: a detector measured on labelled data.</summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Measure a detector on labelled data.")
    {
        EvalPromptsCommand.Create(),
        EvalSkillsCommand.Create(),
    };
}
