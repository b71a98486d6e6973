using SecureStack.Sanitizer.Rules;
using SecureStack.Sanitizer.Tests.Support;

namespace SecureStack.Sanitizer.Tests.Rules;

/// <summary>The literals a pattern cannot match without: sound for what the analysis reads, nothing for what it does not.</summary>
public sealed class RequiredLiteralsTests
{
    private static string Describe(IReadOnlyList<IReadOnlyList<string>> sets) => string.Join(" & ", sets.Select(s => "{" + string.Join(',', s) + "}"));

    [Theory]
    [InlineData(@"\bignore\s+previous\s+instructions?", "{instruction,instructions} & {previous} & {ignore}")]
    [InlineData(@"(?:ignore|disregard)\s+(?:all\s+)?(?:rules|orders)", "{disregard,ignore} & {orders,rules}")]
    [InlineData(@"set\saside|throw\saway", "{aside,throw}")]
    [InlineData(@"jailbr(?:eak|oken)\s+mode", "{jailbreak,jailbroken} & {mode}")]
    [InlineData(@"(?:忽略|无视)\s*(?:之前的)?指令", "")]
    [InlineData(@"(?:ab)+cde", "{cde}")]
    [InlineData(@"(?:忽略了|无视掉)指令", "{忽略了指令,无视掉指令}")]
    public void Of_NamesTheSetsEveryMatchContains(string pattern, string expected) =>
        Assert.Equal(expected, Describe(RequiredLiterals.Of(pattern)));

    [Theory]
    [InlineData(@"(?:foo)?bar|\w+")] // a branch that needs nothing makes the alternation need nothing
    [InlineData(@"(?=ignore)\w+")] // constructs the analysis does not read give up on the pattern
    [InlineData(@"ignore\x20all")]
    [InlineData(@"ig|no")] // literals shorter than three characters filter nothing
    [InlineData(@"(?:ignore){0,2}")]
    [InlineData(@"пароль")] // letters with case outside ASCII are not literals
    public void Of_GivesUpWhereItCannotBeSure(string pattern) => Assert.Empty(RequiredLiterals.Of(pattern));

    [Fact]
    public void ShippedRules_MostHaveAPrefilter()
    {
        var without = TestRules.Rules.Rules.Where(r => r.Needs.Count == 0).Select(r => r.Id).ToList();
        Assert.True(without.Count <= 8, $"{without.Count} rules run on every text: {string.Join(", ", without)}");
    }
}
