namespace SecureStack.Scanner.TreeSitter;

/// <summary>Native TSLanguage pointers; static data inside the library, never freed.</summary>
internal static class GrammarLanguages
{
    private static readonly nint[] Pointers =
    [
        NativeMethods.LanguageJavaScript(),
        NativeMethods.LanguageTypeScript(),
        NativeMethods.LanguageTsx(),
        NativeMethods.LanguageBash(),
        NativeMethods.LanguagePython(),
    ];

    public static nint Get(Grammar grammar) => Pointers[(int)grammar];

    public static uint AbiVersion(Grammar grammar) => NativeMethods.LanguageAbiVersion(Get(grammar));
}
