using GitHubEmulator.State;
using System.Text.Json.Nodes;

namespace GitHubEmulator;

public sealed record EmulatorOptions
{
    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The address to listen on: an IP address or <c>localhost</c> (default 127.0.0.1, loopback only).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Delay added to every API response (a modelled round trip); the value a reset returns to.</summary>
    public int LatencyMs { get; init; }

    /// <summary>
    /// Content-creation limits per token; the limits a reset returns to. Off unless asked for (GitHub's are
    /// <c>new ContentCreationLimits()</c>: 80 a minute, 500 an hour), as tests write in bulk on a clock that stands still.
    /// </summary>
    public ContentCreationLimits ContentLimits { get; init; } = ContentCreationLimits.Off;

    /// <summary>The starting state (the <c>--seed</c> file's JSON, see Control/SeedFile.cs); applied at start and after every reset.</summary>
    public JsonObject? Seed { get; init; }

    /// <summary>The clock for timestamps and rate-limit windows (tests may move it instead of waiting).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
