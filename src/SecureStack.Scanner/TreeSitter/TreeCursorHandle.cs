using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>Owns a TSTreeCursor copied into native memory: its internal stack is freed, then the struct.</summary>
internal sealed unsafe class TreeCursorHandle : SafeHandle
{
    internal TreeCursorHandle(TsTreeCursor cursor)
        : base(nint.Zero, ownsHandle: true)
    {
        var memory = (TsTreeCursor*)NativeMemory.Alloc((nuint)sizeof(TsTreeCursor));
        *memory = cursor;
        SetHandle((nint)memory);
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.TreeCursorDelete(handle);
        NativeMemory.Free((void*)handle);
        LiveHandles.Released();
        return true;
    }
}
