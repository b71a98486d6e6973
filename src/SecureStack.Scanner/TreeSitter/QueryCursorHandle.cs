using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>Owns a native ts_query_cursor pointer and frees it exactly once.</summary>
internal sealed class QueryCursorHandle : SafeHandle
{
    public QueryCursorHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    internal QueryCursorHandle(nint pointer)
        : base(nint.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.QueryCursorDelete(handle);
        LiveHandles.Released();
        return true;
    }
}
