namespace SecureStack.Scanner.Rules.Scripts;

/// <summary>Interpreters on a Mac or Linux host that have no tree-sitter grammar here; their files are scanned as text.</summary>
internal enum ScriptDialect
{
    None,
    Perl,
    Ruby,
    Php,
    PowerShell,
    AppleScript,
}
