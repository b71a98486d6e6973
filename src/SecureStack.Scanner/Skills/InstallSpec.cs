namespace SecureStack.Scanner.Skills;

/// <summary>One <c>install[]</c> entry of the frontmatter (brew, node, go, uv, download).</summary>
internal sealed record InstallSpec(string Kind, string? Url, string? Sha256, IReadOnlyList<string> Bins);
