using System.Globalization;
using GitHubEmulator;
using GitHubEmulator.Control;

// github-emulator [--port N] [--host ADDRESS] [--seed FILE] [--latency MS] [--no-stdin]   (README.md: "Starting it")
// Prints "GITHUB_EMULATOR_LISTENING http://HOST:PORT/" once it accepts connections; stops on Ctrl+C / SIGTERM, or when
// its stdin closes unless --no-stdin.
const string Usage = "Usage: github-emulator [--port N] [--host ADDRESS] [--seed FILE] [--latency MS] [--no-stdin]";
var options = new EmulatorOptions();
var watchStdin = true;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Text() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        int Number() => int.TryParse(Text(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a non-negative integer.");
        switch (args[i])
        {
            case "--port": options = options with { Port = Number() }; break;
            case "--host": options = options with { Host = Text() }; break;
            case "--latency" or "--latency-ms": options = options with { LatencyMs = Number() }; break;
            case "--seed": options = options with { Seed = ControlInput.Parse(File.ReadAllText(Text())) }; break;
            case "--no-stdin": watchStdin = false; break;
            case "--help" or "-h" or "-?": Console.Out.WriteLine(Usage); return 0;
            default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
        }
    }
}
catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or ControlInputException)
{
    Console.Error.WriteLine(e is ControlInputException ? $"--seed: {e.Message}" : $"{e.Message} {Usage}");
    return 2;
}

// GitHub's GraphQL schema is built once per process; build it now, beside the start, so the first GraphQL request does not wait for it.
_ = Task.Run(() => GitHubEmulator.GraphQL.GitHubSchema.BuildTime);

// A port already taken is one line on stderr and exit code 3, not Kestrel's stack trace.
if (options.Port != 0 && PortInUse(options.Host, options.Port))
{
    Console.Error.WriteLine($"Port {options.Port} on {options.Host} is in use (another emulator?): choose another with --port N, or --port 0 for a free one.");
    return 3;
}

EmulatorServer server;
try
{
    server = await EmulatorServer.StartAsync(options);
}
catch (Exception e) when (e is ArgumentException or ControlInputException)
{
    Console.Error.WriteLine($"{(e is ControlInputException ? "--seed: " : "")}{e.Message}");
    return 2;
}
await using (server)
{
    Console.Out.WriteLine($"GITHUB_EMULATOR_LISTENING {server.BaseUri}");
    Console.Out.Flush();

    var stdinClosed = watchStdin
        ? Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
                // The harness keeps stdin open while it needs the emulator; what it writes is ignored.
            }
        })
        : Task.Delay(Timeout.Infinite);
    await Task.WhenAny(stdinClosed, server.WaitForShutdownAsync());
}
return 0;

static bool PortInUse(string host, int port)
{
    var address = System.Net.IPAddress.TryParse(host, out var parsed) ? parsed : System.Net.IPAddress.Loopback;
    var probe = new System.Net.Sockets.TcpListener(address, port);
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
