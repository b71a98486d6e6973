using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>Owns a native ts_parser pointer and frees it exactly once.</summary>
internal sealed class ParserHandle : SafeHandle
{
    public ParserHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    internal ParserHandle(nint pointer)
        : base(nint.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.ParserDelete(handle);
        LiveHandles.Released();
        return true;
    }
}
