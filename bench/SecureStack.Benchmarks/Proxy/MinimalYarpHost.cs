using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace SecureStack.Benchmarks.Proxy;

/// <summary>
/// The floor for bench/proxy/run.sh: the smallest YARP reverse proxy with a static bearer check (no lockout, limits,
/// path guard, header policy, audit, WebSocket inspection), on the same runtime settings as <c>securestack proxy</c>.
/// WebSocket upgrades pass as opaque bytes, as nginx passes them.
/// </summary>
public static class MinimalYarpHost
{
    public static async Task RunAsync(int port, int upstreamPort, string token)
    {
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
        });
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var destination = $"http://127.0.0.1:{upstreamPort}/";
        var expected = "Bearer " + token;
        app.Run(async context =>
        {
            if (context.Request.Headers.Authorization != expected)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await forwarder.SendAsync(context, destination, invoker);
        });

        await app.StartAsync();
        Console.WriteLine($"minimal YARP proxy on 127.0.0.1:{port}");
        var stop = new TaskCompletionSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });
        await stop.Task;
        await app.StopAsync();
    }
}
