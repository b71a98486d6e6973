using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>Owns a native ts_query pointer and frees it exactly once.</summary>
internal sealed class QueryHandle : SafeHandle
{
    public QueryHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    internal QueryHandle(nint pointer)
        : base(nint.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.QueryDelete(handle);
        LiveHandles.Released();
        return true;
    }
}
