using System.Net;
using SecureStack.Egress.Addresses;

namespace SecureStack.Egress.Tests.Addresses;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("198.18.0.0/15")]
    [InlineData("198.18.5.0/24")]
    [InlineData("192.0.2.0/24")]
    [InlineData("2001:db8::/32")]
    public void Create_AcceptsBenchmarkingAndDocumentationRanges(string cidr)
    {
        var policy = AddressPolicy.Create([cidr], "--treat-as-public");

        Assert.Equal(IPNetwork.Parse(cidr), Assert.Single(policy.TreatAsPublic));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "Private")]
    [InlineData("127.0.0.0/8", "Loopback")]
    [InlineData("169.254.0.0/16", "LinkLocal")]
    [InlineData("100.64.0.0/10", "SharedAddressSpace")]
    [InlineData("198.18.0.0/14", "Public")]
    [InlineData("0.0.0.0/0", "Unspecified")]
    [InlineData("::ffff:0:0/96", "EmbeddedIPv4")]
    [InlineData("fc00::/7", "UniqueLocal")]
    [InlineData("8.8.8.0/24", "Public")]
    public void Create_RefusesOtherRangesNamingTheSetting(string cidr, string category)
    {
        var error = Assert.Throws<ArgumentException>(() => AddressPolicy.Create([cidr], "EGRESS_TREAT_AS_PUBLIC"));

        Assert.StartsWith($"EGRESS_TREAT_AS_PUBLIC: {IPNetwork.Parse(cidr)} is {category} space", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RefusesRangeReachingPastBenchmarkingSpace()
    {
        var error = Assert.Throws<ArgumentException>(() => AddressPolicy.Create(["198.18.0.0/7"], "--treat-as-public"));

        Assert.Contains("is Public space", error.Message, StringComparison.Ordinal);
        var beyond = Assert.Throws<ArgumentException>(() => AddressPolicy.Create(["2001:db8::/31"], "--treat-as-public"));
        Assert.Contains("2001:db8::/31 reaches beyond Documentation space", beyond.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RefusesTextThatIsNotCidr()
    {
        var error = Assert.Throws<ArgumentException>(() => AddressPolicy.Create(["198.18.0.0"], "--treat-as-public"));

        Assert.Contains("\"198.18.0.0\" is not a CIDR range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("198.18.0.10", true)]
    [InlineData("198.19.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("::ffff:198.18.0.10", false)]
    [InlineData("64:ff9b::c612:a", false)]
    public void Allows_PublicAndConfiguredRangesOnly(string address, bool expected)
    {
        var policy = AddressPolicy.Create(["198.18.0.0/16"], "--treat-as-public");

        Assert.Equal(expected, policy.Allows(IPAddress.Parse(address), out _));
    }

    [Fact]
    public void Default_RefusesBenchmarkingSpace()
    {
        Assert.False(AddressPolicy.Default.Allows(IPAddress.Parse("198.18.0.10"), out var category));
        Assert.Equal(AddressCategory.Benchmarking, category);
    }
}
