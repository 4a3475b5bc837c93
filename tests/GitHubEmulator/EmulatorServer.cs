using System.Net;
using GitHubEmulator.Api;
using GitHubEmulator.Control;
using GitHubEmulator.Http;
using GitHubEmulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace GitHubEmulator;

/// <summary>The emulator listening (on 127.0.0.1 unless told otherwise), hosted in this process.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    /// <summary>The prefix Octokit puts before every path for any host but github.com; the API is served with and without it.</summary>
    public const string ApiPrefix = "/api/v3";

    private readonly WebApplication app;

    private EmulatorServer(WebApplication app, EmulatorState state, Uri baseUri)
    {
        this.app = app;
        State = state;
        BaseUri = baseUri;
    }

    /// <summary><c>http://127.0.0.1:PORT/</c> (the host it listens on)</summary>
    public Uri BaseUri { get; }

    /// <summary>The state the control API changes.</summary>
    public EmulatorState State { get; }

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        var state = new EmulatorState(options.Clock, options.LatencyMs, options.ContentLimits);
        if (options.Seed is { } seed)
        {
            SeedFile.Apply(state, seed);
            state.AfterReset = s => SeedFile.Apply(s, seed);
        }
        var address = ListenAddress(options.Host);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Warnings only, and never on stdout: stdout carries the one "listening" line.
        builder.Logging.ClearProviders()
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (address is null)
            {
                kestrel.ListenLocalhost(options.Port);
            }
            else
            {
                kestrel.Listen(address, options.Port);
            }
        });
        builder.Services.AddSingleton(state);

        var app = builder.Build();
        app.UsePathBase(ApiPrefix);
        app.UseRouting();
        app.UseWhen(context => !ControlRoutes.IsControl(context.Request.Path), api => api
            .UseMiddleware<RequestIdMiddleware>()
            .UseMiddleware<RecordingMiddleware>()
            .UseMiddleware<LatencyMiddleware>()
            .UseMiddleware<RateLimitMiddleware>()
            .UseMiddleware<ScriptMiddleware>()
            .UseMiddleware<FaultMiddleware>()
            .UseMiddleware<ConditionalMiddleware>());
        UserRoutes.Map(app);
        DeploymentRoutes.Map(app);
        StatusRoutes.Map(app);
        EnvironmentRoutes.Map(app);
        RepositoryRoutes.Map(app);
        BranchPolicyRoutes.Map(app);
        RunRoutes.Map(app);
        AppRoutes.Map(app);
        GraphQLRoutes.Map(app);
        ControlRoutes.Map(app);
        app.MapFallback(() => GitHubErrors.NotFound(GitHubErrors.RestDocs));

        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()).Port;
        return new EmulatorServer(app, state, new Uri($"http://{ReachableHost(address)}:{port}/"));
    }

    /// <summary>An IP address, or null for <c>localhost</c> (IPv4 and IPv6 loopback).</summary>
    private static IPAddress? ListenAddress(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? null
        : IPAddress.TryParse(host, out var address) ? address
        : throw new ArgumentException($"--host '{host}' is not an IP address or localhost.");

    /// <summary>Where a client on this machine reaches the listener: a wildcard address is reached on loopback.</summary>
    private static string ReachableHost(IPAddress? address) => address switch
    {
        null => "localhost",
        _ when address.Equals(IPAddress.Any) => "127.0.0.1",
        _ when address.Equals(IPAddress.IPv6Any) => "[::1]",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => $"[{address}]",
        _ => address.ToString(),
    };

    /// <summary>Completes when the host stops (Ctrl+C, SIGTERM, or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
