using System.Runtime.InteropServices;

namespace SecureStack.Scanner.Tests.TreeSitter;

/// <summary>Bytes glibc's malloc has handed out and not got back, across all arenas: where tree-sitter allocates.</summary>
internal static partial class NativeHeap
{
    public static long InUse
    {
        get
        {
            var info = MallInfo2();
            return (long)(info.Uordblks + info.Hblkhd);
        }
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallInfo MallInfo2();

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo
    {
        public nuint Arena;
        public nuint Ordblks;
        public nuint Smblks;
        public nuint Hblks;
        public nuint Hblkhd;
        public nuint Usmblks;
        public nuint Fsmblks;
        public nuint Uordblks;
        public nuint Fordblks;
        public nuint Keepcost;
    }
}
