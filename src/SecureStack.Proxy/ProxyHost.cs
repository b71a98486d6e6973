using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SecureStack.Audit;
using SecureStack.Audit.Logging;
using SecureStack.Audit.Settings;
using SecureStack.Proxy.Auditing;
using SecureStack.Proxy.Authentication;
using SecureStack.Proxy.Configuration;
using SecureStack.Proxy.Forwarding;
using SecureStack.Proxy.Health;
using SecureStack.Proxy.Inspection;
using SecureStack.Proxy.Limits;
using SecureStack.Proxy.Logging;
using SecureStack.Proxy.Metrics;
using SecureStack.Proxy.Paths;
using SecureStack.Proxy.Relay;
using SecureStack.Proxy.Sanitizing;
using SecureStack.Proxy.WebSockets;

namespace SecureStack.Proxy;

/// <summary>
/// The authenticating proxy in front of the OpenClaw gateway, as a Kestrel host. The pipeline, in order:
/// request guard (ambiguous paths and framing, 400) → health endpoints → rate limit → login page →
/// authentication and lockout → LLM-bound body inspection → WebSocket relay or YARP forwarding. The model
/// relay (<c>/relay/</c>, its own key) sits after the rate limit. With <see cref="ProxyOptions.Prompts"/>
/// the prompt sanitizer is registered on both seams and the relay.
/// </summary>
public sealed class ProxyHost : IAsyncDisposable
{
    /// <summary>How long a stop (SIGTERM) lets requests in flight finish after the listeners close.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly ProxyOptions _options;
    private readonly IAuditLog _audit;

    private ProxyHost(WebApplication app, ProxyOptions options, IAuditLog audit)
    {
        _app = app;
        _options = options;
        _audit = audit;
    }

    /// <summary>The bound addresses (port 0 resolved), available after <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<Uri> Addresses =>
        [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a))];

    /// <summary>
    /// Builds the proxy. <paramref name="configureServices"/> registers extensions such as
    /// <see cref="IRequestBodyInspector"/> and <see cref="IWebSocketFrameInspector"/> implementations.
    /// The options are validated when the host starts (<see cref="ProxyOptions.Validate"/>).
    /// </summary>
    public static ProxyHost Create(
        ProxyOptions options,
        IAuditLog audit,
        TimeProvider? time = null,
        Action<IServiceCollection>? configureServices = null,
        Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(audit);
        time ??= TimeProvider.System;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        ConfigureServer(builder.WebHost, options);
        builder.Logging.AddServiceLog();
        configureLogging?.Invoke(builder.Logging);
        AddProxyServices(builder.Services, options, audit, time);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        MapPipeline(app, options);
        return new ProxyHost(app, options, app.Services.GetRequiredService<IAuditLog>());
    }

    /// <summary>Kestrel on the configured listeners, with TLS when one is https.</summary>
    private static void ConfigureServer(IWebHostBuilder webHost, ProxyOptions options)
    {
        webHost.UseKestrelCore();
        if (options.UsesTls)
        {
            webHost.UseKestrelHttpsConfiguration();
        }

        webHost.ConfigureKestrel(kestrel => ConfigureKestrel(kestrel, options));
        webHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true); // see SocketThreads
    }

    private static void AddProxyServices(IServiceCollection services, ProxyOptions options, IAuditLog audit, TimeProvider time)
    {
        services.Configure<Microsoft.Extensions.Hosting.HostOptions>(host => host.ShutdownTimeout = DrainTimeout);
        services.AddSettings<ProxyOptions, ProxyConfigurationException>(options, o => o.Validate());
        services.AddSingleton(time);
        AddAuditing(services, audit, time);
        AddAuthentication(services, options, time);
        AddForwarding(services);
        services.AddProxyHealth(options);
        services.AddProxyMetrics(options);
        if (options.Prompts is { } prompts)
        {
            AddSanitizing(services, prompts);
        }

        if (options.Relay is { } relay)
        {
            services.AddSingleton(relay);
            services.AddSingleton<RelayClient>();
        }
    }

    /// <summary>The audit log behind <see cref="AuditAvailability"/>, which also answers /readyz.</summary>
    private static void AddAuditing(IServiceCollection services, IAuditLog audit, TimeProvider time)
    {
        services.AddSingleton(s => new AuditAvailability(audit, time, s.GetRequiredService<ILogger<AuditAvailability>>()));
        services.AddSingleton<IAuditLog>(s => s.GetRequiredService<AuditAvailability>());
        services.AddSingleton<ProxyAudit>();
    }

    /// <summary>Tokens, session cookies, lockout and the per-address rate limit.</summary>
    private static void AddAuthentication(IServiceCollection services, ProxyOptions options, TimeProvider time)
    {
        services.AddSingleton(_ => new SessionCookie(options.SessionKey ?? RandomNumberGenerator.GetBytes(32), options.SessionLifetime, time, options.UsesTls));
        services.AddSingleton(_ => new TokenStore(options.Tokens));
        services.AddSingleton(_ => new LockoutTracker(options.LockoutThreshold, options.EffectiveLockoutGlobalThreshold, options.LockoutWindow, options.LockoutBan, time));
        services.AddProxyRateLimiting(options);
    }

    /// <summary>YARP forwarding and the WebSocket relay to the gateway.</summary>
    private static void AddForwarding(IServiceCollection services)
    {
        services.AddSingleton(s => new UpstreamHeaders(s.GetRequiredService<ProxyOptions>(), s.GetRequiredService<SessionCookie>().Name));
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<MissingKeyNotice>();
        services.AddSingleton<UpstreamTransformer>();
        services.AddSingleton<ClientFramePolicy>();
        services.AddSingleton<WebSocketRelay>();
        services.AddSingleton<ForwardingEndpoint>();
        services.AddSingleton<RequestBodyInspection>();
        services.AddHttpForwarder();
    }

    /// <summary>The prompt sanitizer on both seams (HTTP bodies, WebSocket frames) and the relay.</summary>
    private static void AddSanitizing(IServiceCollection services, PromptSettings prompts)
    {
        services.AddSettings<PromptSettings, ProxyConfigurationException>(prompts, p => p.Validate());
        services.AddSingleton(s => PromptSanitizing.Load(s.GetRequiredService<PromptSettings>(), s.GetRequiredService<IAuditLog>()));
        services.AddSingleton<IRequestBodyInspector, SanitizingBodyInspector>();
        services.AddSingleton<IWebSocketFrameInspector, SanitizingFrameInspector>();
    }

    /// <summary>The pipeline, in the order of the class summary.</summary>
    private static void MapPipeline(WebApplication app, ProxyOptions options)
    {
        app.UseMiddleware<RequestGuardMiddleware>();
        app.MapProxyMetrics(options);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseProxyHealth();
        app.UseProxyRateLimiting();
        if (options.Relay is not null)
        {
            app.UseMiddleware<ModelRelayMiddleware>();
        }

        app.UseMiddleware<LockoutNoticeMiddleware>();
        app.UseMiddleware<LoginEndpoints>();
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseMiddleware<BodyInspectionMiddleware>();
        app.Run(app.Services.GetRequiredService<ForwardingEndpoint>().HandleAsync);
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken);
        _audit.Append(new AuditEvent(AuditEventType.ServiceStart, "proxy_start", AuditResult.Success, RiskLevel.Info)
        {
            Details = new Dictionary<string, object?>
            {
                ["listen"] = Addresses.Select(a => a.ToString()).ToArray(),
                ["upstream"] = _options.Upstream.ToString(),
                ["identity_mode"] = _options.IdentityMode.ToString(),
                ["tokens"] = _options.Tokens.Select(t => t.Name).ToArray(),
            },
        });
        var logger = _app.Services.GetRequiredService<ILogger<ProxyHost>>();
        Log.Started(logger, string.Join(", ", Addresses), _options.Upstream, _options.IdentityMode.ToString());
        if (_app.Services.GetService<PromptSanitizing>() is { } sanitizing)
        {
            ReportSanitizer(logger, sanitizing);
        }

        if (_options.Relay is { } relay)
        {
            SanitizingLog.RelayEnabled(logger, string.Join(", ", relay.Providers));
        }
    }

    /// <summary>Broken rules keep the proxy up (health, non-prompt traffic) but say so loudly: log, audit, /readyz.</summary>
    private void ReportSanitizer(ILogger logger, PromptSanitizing sanitizing)
    {
        if (sanitizing.Unavailable is not { } reason)
        {
            SanitizingLog.Loaded(logger, sanitizing.RuleCount, _options.Prompts!.RulesPath);
            return;
        }

        SanitizingLog.Unavailable(logger, reason);
        _audit.Append(new AuditEvent(AuditEventType.ConfigWarning, "prompt_rules_unavailable", AuditResult.Failure, RiskLevel.Critical)
        {
            Details = new Dictionary<string, object?> { ["reason"] = reason, ["path"] = _options.Prompts!.RulesPath },
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _app.StopAsync(cancellationToken);
        _audit.Append(new AuditEvent(AuditEventType.ServiceStop, "proxy_stop", AuditResult.Success, RiskLevel.Info));
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires (SIGTERM in the CLI), then stops gracefully.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutdown was asked for.
        }

        await StopAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static void ConfigureKestrel(KestrelServerOptions kestrel, ProxyOptions options)
    {
        kestrel.AddServerHeader = false;
        var limits = kestrel.Limits;
        limits.MaxConcurrentConnections = options.MaxConnections;
        limits.MaxConcurrentUpgradedConnections = options.MaxConnections;
        limits.MaxRequestBodySize = options.MaxBodyBytes;
        limits.MaxRequestHeadersTotalSize = options.MaxHeaderBytes;
        limits.MaxRequestHeaderCount = 100;
        limits.MaxRequestLineSize = 8 * 1024;
        limits.RequestHeadersTimeout = options.HeaderTimeout;
        limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.Http2.MaxRequestHeaderFieldSize = Math.Min(options.MaxHeaderBytes, limits.Http2.MaxRequestHeaderFieldSize);

        X509Certificate2? certificate = null;
        if (options.UsesTls)
        {
            certificate = X509Certificate2.CreateFromPemFile(options.TlsCertPath!, options.TlsKeyPath);
        }

        foreach (var listen in options.Listen)
        {
            Listen(kestrel, listen, "PROXY_LISTEN", listenOptions =>
            {
                // HTTP/2 is negotiated by ALPN, so it is offered on TLS listeners only.
                listenOptions.Protocols = listen.Scheme == Uri.UriSchemeHttps ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
                if (listen.Scheme == Uri.UriSchemeHttps)
                {
                    listenOptions.UseHttps(certificate!);
                }
            });
        }

        if (options.MetricsListen is { } metrics)
        {
            Listen(kestrel, metrics, "PROXY_METRICS_LISTEN", listenOptions => listenOptions.Protocols = HttpProtocols.Http1);
        }
    }

    private static void Listen(KestrelServerOptions kestrel, Uri address, string setting, Action<ListenOptions> configure)
    {
        var port = address.Port;
        switch (address.Host)
        {
            case "localhost":
                kestrel.ListenLocalhost(port, configure);
                break;
            case "*" or "+" or "0.0.0.0" or "[::]":
                kestrel.ListenAnyIP(port, configure);
                break;
            default:
                if (!IPAddress.TryParse(address.Host, out var ip))
                {
                    throw new ProxyConfigurationException($"{setting} host \"{address.Host}\" must be an IP address, localhost or 0.0.0.0.");
                }

                kestrel.Listen(ip, port, configure);
                break;
        }
    }
}
