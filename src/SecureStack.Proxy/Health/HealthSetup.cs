using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Hosting;
using SecureStack.Proxy.Sanitizing;

namespace SecureStack.Proxy.Health;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (the audit log and prompt rules work and the gateway
/// answers its own /healthz) through ASP.NET Core health checks: the only paths served without authentication,
/// exact match, GET or HEAD.
/// </summary>
internal static class HealthSetup
{
    public const string HealthPath = "/healthz";
    public const string ReadyPath = "/readyz";

    private static readonly TimeSpan UpstreamTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddProxyHealth(this IServiceCollection services, ProxyOptions options)
    {
        // Singletons: the upstream check keeps its short cache across probes.
        services.AddSingleton<UpstreamHealthCheck>();
        services.AddSingleton<RelayKeysHealthCheck>();
        var checks = services.AddHealthChecks().AddCheck<AuditAvailability>("audit_log", tags: [HealthResponse.ComponentTag]);
        if (options.Prompts is not null)
        {
            checks.AddCheck<PromptSanitizing>("prompt_rules", tags: [HealthResponse.ComponentTag]);
        }

        checks.AddCheck<RelayKeysHealthCheck>("relay_keys");
        checks.AddCheck<UpstreamHealthCheck>("upstream", failureStatus: null, tags: [], timeout: UpstreamTimeout);

        // The answer carries the reason; probes every few seconds would otherwise log a line each while not ready.
        services.Configure<LoggerFilterOptions>(logging => logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        return services;
    }

    public static IApplicationBuilder UseProxyHealth(this IApplicationBuilder app) => app
        .MapWhen(context => context.Request.Path.Value == HealthPath, branch => Endpoint(branch, _ => false, HealthResponse.WriteHealthAsync))
        .MapWhen(context => context.Request.Path.Value == ReadyPath, branch => Endpoint(branch, null, HealthResponse.WriteReadyAsync));

    private static void Endpoint(IApplicationBuilder branch, Func<HealthCheckRegistration, bool>? predicate, Func<HttpContext, HealthReport, Task> writer)
    {
        branch.Use((context, next) => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? next(context)
            : ProxyResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed));
        branch.UseMiddleware<HealthCheckMiddleware>(Options.Create(new HealthCheckOptions
        {
            Predicate = predicate,
            ResponseWriter = writer,
            // The writer sets Cache-Control: no-store itself.
            AllowCachingResponses = true,
        }));
    }
}
