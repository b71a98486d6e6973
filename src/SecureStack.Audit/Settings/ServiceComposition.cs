using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureStack.Audit.Logging;

namespace SecureStack.Audit.Settings;

/// <summary>
/// The composition root of a service without a web host (egress proxy, watcher): the shared log format
/// (<see cref="ServiceLog"/>), the settings <paramref name="configure"/> registers, and their validation before
/// anything starts, as <c>ValidateOnStart</c> does in a host.
/// </summary>
public static class ServiceComposition
{
    /// <summary>Builds the services; throws <see cref="OptionsValidationException"/> naming the first bad setting.</summary>
    public static ServiceProvider Build(Action<IServiceCollection> configure, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.AddServiceLog();
            configureLogging?.Invoke(logging);
        });
        configure(services);
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return provider;
    }
}
