namespace SecureStack.Scanner.Skills;

/// <summary>SKILL.md runs a file of the skill with an interpreter: <c>bash {baseDir}/setup/steps.txt</c>.</summary>
internal sealed record RunReference(string Interpreter, string Path);
