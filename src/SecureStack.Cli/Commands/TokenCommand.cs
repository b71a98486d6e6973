using System.Buffers.Text;
using System.CommandLine;
using System.Security.Cryptography;
using SecureStack.Proxy.Configuration;

namespace SecureStack.Cli.Commands;

/// <summary><c>securestack token</c>: a new client token and the API_TOKENS entry that accepts it.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "The token's name in API_TOKENS (the identity sent to OpenClaw).", DefaultValueFactory = _ => "default" };
        var hashOnly = new Option<bool>("--hash-stdin") { Description = "Read an existing token from standard input and print only its API_TOKENS entry." };
        var command = new Command("token",
            "Generate a random 32-byte client token (base64url) and print it with its SHA-256 entry for API_TOKENS. " +
            "Exit codes: 0 success, 2 invalid name or token.")
        {
            name, hashOnly,
        };
        command.SetAction(parseResult =>
        {
            var tokenName = parseResult.GetValue(name)!;
            if (tokenName.Length == 0 || !tokenName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                Console.Error.WriteLine("securestack token: --name takes letters, digits, '-', '_' and '.'.");
                return 2;
            }

            if (parseResult.GetValue(hashOnly))
            {
                var existing = Console.In.ReadLine()?.Trim() ?? "";
                if (existing.Length < ProxyEnvironment.MinimumTokenLength)
                {
                    Console.Error.WriteLine($"securestack token: the token on standard input is shorter than {ProxyEnvironment.MinimumTokenLength} characters.");
                    return 2;
                }

                Console.WriteLine($"{tokenName}:{ProxyEnvironment.HashToken(existing)}");
                return 0;
            }

            var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            Console.WriteLine($"token: {token}");
            Console.WriteLine($"API_TOKENS entry: {tokenName}:{ProxyEnvironment.HashToken(token)}");
            return 0;
        });
        return command;
    }
}
