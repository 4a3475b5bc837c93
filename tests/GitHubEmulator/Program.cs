using System.Globalization;
using GitHubEmulator;

// dotnet GitHubEmulator.dll [--port N] [--latency-ms N]
// Prints "GITHUB_EMULATOR_LISTENING http://127.0.0.1:PORT/" once it accepts connections;
// stops on Ctrl+C / SIGTERM or when its stdin closes.
var options = new EmulatorOptions();
for (var i = 0; i < args.Length; i++)
{
    int Value() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        ? n
        : throw new ArgumentException($"{args[i]} needs a non-negative integer.");
    try
    {
        options = args[i] switch
        {
            "--port" => options with { Port = Value() },
            "--latency-ms" => options with { LatencyMs = Value() },
            _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
        };
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"{e.Message} Usage: GitHubEmulator [--port N] [--latency-ms N]");
        return 2;
    }
}

// GitHub's GraphQL schema is built once per process; build it now, beside the start, so the first GraphQL request does not wait for it.
_ = Task.Run(() => GitHubEmulator.GraphQL.GitHubSchema.BuildTime);

// A port already taken is one line on stderr and exit code 3, not Kestrel's stack trace.
if (options.Port != 0 && PortInUse(options.Port))
{
    Console.Error.WriteLine($"Port {options.Port} on 127.0.0.1 is in use (another emulator?): choose another with --port N, or --port 0 for a free one.");
    return 3;
}

await using var server = await EmulatorServer.StartAsync(options);
Console.Out.WriteLine($"GITHUB_EMULATOR_LISTENING {server.BaseUri}");
Console.Out.Flush();

var stdinClosed = Task.Run(() =>
{
    while (Console.In.ReadLine() is not null)
    {
        // The harness keeps stdin open while it needs the emulator; what it writes is ignored.
    }
});
await Task.WhenAny(stdinClosed, server.WaitForShutdownAsync());
return 0;

static bool PortInUse(int port)
{
    var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
    try
    {
        probe.Start();
        return false;
    }
    catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
    {
        return true;
    }
    finally
    {
        probe.Stop();
    }
}
