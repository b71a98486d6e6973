namespace SecureStack.Scanner.Trust;

/// <summary>What a registry says about a skill; every field is null when the source does not say.</summary>
internal sealed record RegistryMetadata(
    int? AuthorReputation,
    long? Downloads,
    int? Reviews,
    double? Rating,
    DateTimeOffset? UpdatedAt);
