using SecureStack.Sanitizer.Evaluation;

namespace SecureStack.Sanitizer.Tests.Evaluation;

public sealed class RateTests
{
    [Theory]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(90, 100, 0.8256, 0.9448)]
    public void Bounds_AreTheWilsonInterval(int hits, int total, double lower, double upper)
    {
        var rate = new Rate(hits, total);
        Assert.Equal(lower, rate.Lower, 4);
        Assert.Equal(upper, rate.Upper, 4);
    }

    [Fact]
    public void Empty_HasNoValue() => Assert.True(double.IsNaN(new Rate(0, 0).Value));
}
