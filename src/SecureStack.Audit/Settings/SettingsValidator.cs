using Microsoft.Extensions.Options;

namespace SecureStack.Audit.Settings;

/// <summary>Runs a settings type's own <c>Validate</c>, which throws <typeparamref name="TError"/> naming the first bad setting.</summary>
internal sealed class SettingsValidator<T, TError>(Action<T> validate) : IValidateOptions<T>
    where T : class
    where TError : Exception
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        try
        {
            validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (TError e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
