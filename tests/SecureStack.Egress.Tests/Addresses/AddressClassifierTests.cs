using System.Net;
using SecureStack.Egress.Addresses;

namespace SecureStack.Egress.Tests.Addresses;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("0.0.0.0", AddressCategory.Unspecified)]
    [InlineData("0.1.2.3", AddressCategory.Unspecified)]
    [InlineData("127.0.0.1", AddressCategory.Loopback)]
    [InlineData("127.255.255.254", AddressCategory.Loopback)]
    [InlineData("10.0.0.1", AddressCategory.Private)]
    [InlineData("10.255.255.255", AddressCategory.Private)]
    [InlineData("172.16.0.1", AddressCategory.Private)]
    [InlineData("172.31.255.255", AddressCategory.Private)]
    [InlineData("172.15.255.255", AddressCategory.Public)]
    [InlineData("172.32.0.0", AddressCategory.Public)]
    [InlineData("192.168.1.1", AddressCategory.Private)]
    [InlineData("192.169.0.1", AddressCategory.Public)]
    [InlineData("169.254.169.254", AddressCategory.LinkLocal)]
    [InlineData("100.64.0.1", AddressCategory.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressCategory.SharedAddressSpace)]
    [InlineData("100.63.255.255", AddressCategory.Public)]
    [InlineData("100.128.0.0", AddressCategory.Public)]
    [InlineData("224.0.0.1", AddressCategory.Multicast)]
    [InlineData("239.255.255.250", AddressCategory.Multicast)]
    [InlineData("240.0.0.1", AddressCategory.Reserved)]
    [InlineData("255.255.255.254", AddressCategory.Reserved)]
    [InlineData("255.255.255.255", AddressCategory.Broadcast)]
    [InlineData("192.0.0.8", AddressCategory.Reserved)]
    [InlineData("192.0.2.1", AddressCategory.Documentation)]
    [InlineData("198.51.100.7", AddressCategory.Documentation)]
    [InlineData("203.0.113.9", AddressCategory.Documentation)]
    [InlineData("192.88.99.1", AddressCategory.Reserved)]
    [InlineData("198.18.0.10", AddressCategory.Benchmarking)]
    [InlineData("198.19.255.255", AddressCategory.Benchmarking)]
    [InlineData("198.17.255.255", AddressCategory.Public)]
    [InlineData("198.20.0.0", AddressCategory.Public)]
    [InlineData("1.1.1.1", AddressCategory.Public)]
    [InlineData("8.8.8.8", AddressCategory.Public)]
    [InlineData("104.18.33.45", AddressCategory.Public)]
    [InlineData("223.255.255.255", AddressCategory.Public)]
    public void Classify_IPv4(string address, AddressCategory expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::", AddressCategory.Unspecified)]
    [InlineData("::1", AddressCategory.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressCategory.EmbeddedIPv4)]
    [InlineData("::ffff:10.0.0.1", AddressCategory.EmbeddedIPv4)]
    [InlineData("::ffff:8.8.8.8", AddressCategory.EmbeddedIPv4)]
    [InlineData("::ffff:0:169.254.169.254", AddressCategory.EmbeddedIPv4)]
    [InlineData("::127.0.0.1", AddressCategory.EmbeddedIPv4)]
    [InlineData("::10.0.0.1", AddressCategory.EmbeddedIPv4)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressCategory.EmbeddedIPv4)]
    [InlineData("64:ff9b::10.0.0.1", AddressCategory.EmbeddedIPv4)]
    [InlineData("64:ff9b:1::a00:1", AddressCategory.EmbeddedIPv4)]
    [InlineData("2002:7f00:1::1", AddressCategory.EmbeddedIPv4)]
    [InlineData("2002:a00:1::", AddressCategory.EmbeddedIPv4)]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressCategory.EmbeddedIPv4)]
    [InlineData("fe80::1", AddressCategory.LinkLocal)]
    [InlineData("fe80::1%2", AddressCategory.LinkLocal)]
    [InlineData("febf::1", AddressCategory.LinkLocal)]
    [InlineData("fc00::1", AddressCategory.UniqueLocal)]
    [InlineData("fd12:3456:789a::1", AddressCategory.UniqueLocal)]
    [InlineData("fec0::1", AddressCategory.UniqueLocal)]
    [InlineData("ff02::1", AddressCategory.Multicast)]
    [InlineData("ff05::1:3", AddressCategory.Multicast)]
    [InlineData("2001:db8::1", AddressCategory.Documentation)]
    [InlineData("3fff::1", AddressCategory.Documentation)]
    [InlineData("100::1", AddressCategory.Reserved)]
    [InlineData("2001:2::1", AddressCategory.Reserved)]
    [InlineData("2001:10::1", AddressCategory.Reserved)]
    [InlineData("4000::1", AddressCategory.Reserved)]
    [InlineData("8000::1", AddressCategory.Reserved)]
    [InlineData("1::1", AddressCategory.Reserved)]
    [InlineData("2606:4700:4700::1111", AddressCategory.Public)]
    [InlineData("2a00:1450:4001:82b::200e", AddressCategory.Public)]
    [InlineData("2001:4860:4860::8888", AddressCategory.Public)]
    [InlineData("2001:200::1", AddressCategory.Public)]
    [InlineData("3ffe::1", AddressCategory.Public)]
    public void Classify_IPv6(string address, AddressCategory expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Classify_MappedFormFromMapToIPv6IsNeverPublic()
    {
        var mapped = IPAddress.Parse("93.184.215.14").MapToIPv6();

        Assert.True(mapped.IsIPv4MappedToIPv6);
        Assert.Equal(AddressCategory.EmbeddedIPv4, AddressClassifier.Classify(mapped));
    }

    [Fact]
    public void Ranges_CoverAllIPv6OutsideGlobalUnicast()
    {
        // Only 2000::/3 may hold public addresses; sample the first address of every /4 outside it.
        foreach (var first in new[] { "::", "1000::", "4000::", "5000::", "6000::", "7000::", "8000::", "9000::", "a000::", "b000::", "c000::", "d000::", "e000::", "f000::" })
        {
            Assert.NotEqual(AddressCategory.Public, AddressClassifier.Classify(IPAddress.Parse(first)));
        }
    }
}
