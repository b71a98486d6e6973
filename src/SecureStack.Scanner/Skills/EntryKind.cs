namespace SecureStack.Scanner.Skills;

/// <summary>What a path inside a skill folder is; symlinks are recorded, never followed.</summary>
internal enum EntryKind
{
    File,
    Directory,
    Symlink,
    Other,
}
