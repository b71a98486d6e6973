using Microsoft.Extensions.Options;

namespace SecureStack.Audit.Settings;

/// <summary>
/// An options factory whose instance is the settings already read (immutable records with required members cannot be
/// created empty and bound); the framework's factory still runs the registered validators on it.
/// </summary>
internal sealed class ReadSettingsFactory<T>(
    T settings,
    IEnumerable<IConfigureOptions<T>> setups,
    IEnumerable<IPostConfigureOptions<T>> postConfigures,
    IEnumerable<IValidateOptions<T>> validations)
    : OptionsFactory<T>(setups, postConfigures, validations)
    where T : class
{
    protected override T CreateInstance(string name) => settings;
}
