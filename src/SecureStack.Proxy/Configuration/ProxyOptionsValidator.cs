using Microsoft.Extensions.Options;

namespace SecureStack.Proxy.Configuration;

/// <summary>Runs <see cref="ProxyOptions.Validate"/> when the host starts; the failure names the setting as the environment reader does.</summary>
internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ProxyConfigurationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
