using System.Net;

namespace SecureStack.Egress.Addresses;

/// <summary>A special-purpose block of addresses and its category.</summary>
public sealed record AddressRange(IPNetwork Network, AddressCategory Category);
