using System.Net;

namespace SecureStack.Egress.Addresses;

/// <summary>
/// Decides whether the proxy may connect to an address: public ones, plus addresses inside explicitly
/// configured extra ranges (a lab or test network on benchmarking or documentation space).
/// </summary>
public sealed class AddressPolicy
{
    /// <summary>The categories an operator may open with <c>--treat-as-public</c>; the rest stay refused whatever the settings.</summary>
    public static readonly IReadOnlySet<AddressCategory> OverridableCategories =
        new HashSet<AddressCategory> { AddressCategory.Benchmarking, AddressCategory.Documentation };

    private readonly IPNetwork[] _treatAsPublic;

    /// <summary>Takes the extra ranges as given; <see cref="Create"/> is the checked way in from configuration.</summary>
    internal AddressPolicy(IEnumerable<IPNetwork> treatAsPublic)
    {
        _treatAsPublic = [.. treatAsPublic];
    }

    public static AddressPolicy Default { get; } = new([]);

    public IReadOnlyList<IPNetwork> TreatAsPublic => _treatAsPublic;

    /// <summary>Builds a policy from configured ranges; throws naming <paramref name="setting"/> when a range is not benchmarking or documentation space.</summary>
    public static AddressPolicy Create(IEnumerable<string> treatAsPublic, string setting)
    {
        var networks = new List<IPNetwork>();
        foreach (var text in treatAsPublic)
        {
            if (!IPNetwork.TryParse(text.Trim(), out var network))
            {
                throw new ArgumentException($"{setting}: \"{text}\" is not a CIDR range (for example 198.18.0.0/15)");
            }

            var category = AddressClassifier.Classify(network.BaseAddress);
            if (!OverridableCategories.Contains(category))
            {
                throw new ArgumentException(
                    $"{setting}: {network} is {category} space; only benchmarking (198.18.0.0/15) or documentation ranges can be treated as public");
            }

            if (AddressClassifier.Classify(LastAddress(network)) != category)
            {
                throw new ArgumentException($"{setting}: {network} reaches beyond {category} space; give a range inside it");
            }

            networks.Add(network);
        }

        return new AddressPolicy(networks);
    }

    /// <summary>True when the proxy may connect to <paramref name="address"/>; <paramref name="category"/> says what it is.</summary>
    public bool Allows(IPAddress address, out AddressCategory category)
    {
        category = AddressClassifier.Classify(address);
        if (category == AddressCategory.Public)
        {
            return true;
        }

        foreach (var network in _treatAsPublic)
        {
            // Same family only: IPNetwork.Contains would match ::ffff:a.b.c.d against an IPv4 range.
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static IPAddress LastAddress(IPNetwork network)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        for (var bit = network.PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
