namespace SecureStack.Scanner.Verdicts;

/// <summary>
/// Whether a download-and-run line installs a vendor's own published tool: a well-known installer host, a code
/// host, or a host named like the skill (treeline.money for the treeline-money skill). Anything else is unknown.
/// </summary>
internal static class Vendors
{
    // Installer hosts of widely used tools (their documented `curl … | sh` lines); code hosts serve many vendors' releases.
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "raw.githubusercontent.com", "github.com", "objects.githubusercontent.com", "gitlab.com", "astral.sh", "rclone.org", "tailscale.com", "pkgs.tailscale.com",
        "cursor.com", "fly.io", "ollama.com", "deb.nodesource.com", "rpm.nodesource.com", "release.anza.xyz", "release.solana.com", "foundry.paradigm.xyz",
        "bun.sh", "deno.land", "sh.rustup.rs", "get.docker.com", "aka.ms", "install.python-poetry.org", "get.pnpm.io", "brew.sh", "claude.ai",
        "opencode.ai", "opencode.dev", "nodejs.org", "pyenv.run", "get.sdkman.io", "sdk.cloud.google.com", "cli.github.com", "vercel.com", "supabase.com",
        "railway.app", "get.helm.sh", "starship.rs", "mise.run", "install.determinate.systems", "nixos.org", "apt.releases.hashicorp.com", "cli.doppler.com",
        "swcdn.apple.com", "docs.anthropic.com", "openclaw.ai", "clawhub.ai", "molt.bot", "get.tur.so", "cli.inference.sh", "sh.vector.dev", "get.k3s.io",
        "install.pulumi.com", "get.rvm.io", "rustup.rs", "download.docker.com", "packages.microsoft.com", "dl.google.com", "developer.android.com",
    };

    /// <summary>The first host on the lines that is neither known nor named like the skill, or null when every host is a vendor's.</summary>
    public static string? Unknown(IEnumerable<string> lines, string? skillName)
    {
        var name = Normalize(skillName ?? "");
        foreach (var line in lines)
        {
            foreach (var url in Network.UrlFinder.Find(line))
            {
                if (url.Host.Contains('$') || url.Host.Contains('{') || url.Host.Contains('<') || !url.Host.Contains('.') || IsKnown(url.Host))
                {
                    continue;
                }
                var label = url.Host.Split('.')[^2];
                if (label.Length >= 3 && name.Contains(Normalize(label), StringComparison.Ordinal))
                {
                    continue;
                }
                return url.Host;
            }
        }
        return null;
    }

    private static bool IsKnown(string host)
    {
        for (var h = host; h.Contains('.'); h = h[(h.IndexOf('.') + 1)..])
        {
            if (Known.Contains(h))
            {
                return true;
            }
        }
        return false;
    }

    private static string Normalize(string text) => new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
