namespace SecureStack.Sanitizer.Normalization;

/// <summary>Digits and symbols used for letters ("1gn0r3", "$y$tem"), folded only inside words.</summary>
internal static class Leetspeak
{
    public static char FoldDigit(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => c,
    };

    public static char FoldSymbol(char c) => c switch
    {
        '@' => 'a',
        '$' => 's',
        '!' => 'i',
        '|' => 'l',
        '€' => 'e',
        '¡' => 'i',
        '+' => 't',
        _ => c,
    };
}
