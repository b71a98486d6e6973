using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecureStack.Audit.Settings;

/// <summary>
/// Registers a component's settings, read once from the environment and command line, as options: <c>IOptions&lt;T&gt;</c>
/// and <typeparamref name="T"/> itself hand out that value, and <paramref name="validate"/> runs when the service starts
/// (<c>ValidateOnStart</c>), so a bad setting stops it before it serves anything, with the message that names the setting.
/// </summary>
public static class SettingsRegistration
{
    /// <typeparam name="TError">The exception <paramref name="validate"/> throws for a bad setting; its message is the failure.</typeparam>
    public static OptionsBuilder<T> AddSettings<T, TError>(this IServiceCollection services, T settings, Action<T> validate)
        where T : class
        where TError : Exception
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddOptions();
        services.AddSingleton<IOptionsFactory<T>>(s => new ReadSettingsFactory<T>(
            settings, s.GetServices<IConfigureOptions<T>>(), s.GetServices<IPostConfigureOptions<T>>(), s.GetServices<IValidateOptions<T>>()));
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T, TError>(validate));
        services.AddSingleton(s => s.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().ValidateOnStart();
    }
}
