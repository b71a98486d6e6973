using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecureStack.Audit.Settings;

/// <summary>
/// Registers a component's settings, read once from the environment and command line, as options: <c>IOptions&lt;T&gt;</c>
/// and <typeparamref name="T"/> itself hand out that value, and its <c>IValidateOptions&lt;T&gt;</c> run when the host
/// starts (<c>ValidateOnStart</c>), so a bad setting stops the service before it serves anything.
/// </summary>
public static class SettingsRegistration
{
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, T settings)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddOptions();
        services.AddSingleton<IOptionsFactory<T>>(s => new ReadSettingsFactory<T>(
            settings, s.GetServices<IConfigureOptions<T>>(), s.GetServices<IPostConfigureOptions<T>>(), s.GetServices<IValidateOptions<T>>()));
        services.AddSingleton(s => s.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().ValidateOnStart();
    }
}
