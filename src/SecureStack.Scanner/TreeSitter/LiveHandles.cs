namespace SecureStack.Scanner.TreeSitter;

/// <summary>
/// Counts native tree-sitter objects created minus released on the current thread, so a test can prove that
/// disposal is deterministic (a finalizer release would land on another thread and leave the count up).
/// </summary>
internal static class LiveHandles
{
    [ThreadStatic]
    private static long _count;

    public static long Count => _count;

    public static void Created() => _count++;

    public static void Released() => _count--;
}
