namespace SecureStack.Scanner.Archives;

/// <summary>One file inside an archive, read into memory (never extracted to disk); <c>Path</c> is <c>outer.zip!/inner/path</c>.</summary>
internal sealed record ArchiveEntry(string Path, byte[] Content, int Depth, string? LinkTarget = null);
