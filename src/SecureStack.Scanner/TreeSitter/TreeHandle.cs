using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>Owns a native ts_tree pointer and frees it exactly once.</summary>
internal sealed class TreeHandle : SafeHandle
{
    public TreeHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    internal TreeHandle(nint pointer)
        : base(nint.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.TreeDelete(handle);
        LiveHandles.Released();
        return true;
    }
}
