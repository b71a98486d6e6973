using System.Text;
using SecureStack.Scanner.TreeSitter;

namespace SecureStack.Scanner.Tests.TreeSitter;

[Collection(NativeLeakCollection.Name)]
public sealed class NativeLeakTests
{
    [Fact]
    public void TenThousandParses_ReleaseEveryHandleAndKeepMemoryFlat()
    {

        using var parser = new Parser(Grammar.JavaScript, TimeSpan.FromSeconds(5));
        using var query = new Query(Grammar.JavaScript, "(call_expression function: (member_expression property: (property_identifier) @p (#match? @p \"^exec\")))");
        var before = LiveHandles.Count;

        RunParses(parser, query, 1_000);
        var warm = NativeHeap.InUse;
        RunParses(parser, query, 10_000);
        var after = NativeHeap.InUse;

        Assert.Equal(before, LiveHandles.Count);
        // A leaked tree of this source is tens of KB of native memory: 10,000 leaks would add hundreds of MB.
        Assert.True(after - warm < 8L * 1024 * 1024, $"native heap grew by {(after - warm) / 1024} KB over 10,000 parses");
    }

    private static void RunParses(Parser parser, Query query, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var tree = parser.Parse(source: Source(i));
            Assert.NotNull(tree);
            using var cursor = new QueryCursor();
            Assert.Single(cursor.Matches(query, tree.Root));
            using var walker = tree.Root.Walk();
            Assert.True(walker.GotoFirstChild());
        }
    }

    private static ReadOnlyMemory<byte> Source(int i) =>
        Encoding.UTF8.GetBytes($"const cp = require('child_process'); cp.execSync('echo {i}');\n" + string.Concat(Enumerable.Repeat("foo(bar[1], {a: [1,2,3]});\n", 50)));
}
