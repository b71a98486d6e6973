namespace SecureStack.Scanner.Tests.TreeSitter;

/// <summary>Runs the leak test on its own: other tests' parses would move the process-wide native heap under it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeLeakCollection
{
    public const string Name = "native leak";
}
