using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitHubEmulator.State;

/// <summary>A GitHub App to register (<c>POST /_emulator/apps</c>): its ID, the public half of its key, its installations.</summary>
public sealed record GitHubAppSpec(string AppId, string PublicKeyPem)
{
    public IReadOnlyList<InstallationSpec> Installations { get; init; } = [];
    /// <summary>How long a minted installation token lives (GitHub: one hour).</summary>
    public int TokenLifetimeSeconds { get; init; } = 3600;
    /// <summary>The app's slug; its tokens act as the user <c>SLUG[bot]</c>. Default <c>app-ID</c>.</summary>
    public string? Slug { get; init; }
}

/// <summary>An installation of an app on an account; <see cref="Repos"/> null = every repository of <see cref="Login"/>.</summary>
public sealed record InstallationSpec(long Id, string Login)
{
    public IReadOnlyList<string>? Repos { get; init; }
}

/// <summary>A minted installation token, as the access_tokens answer describes it.</summary>
public sealed record MintedToken(string Token, DateTimeOffset ExpiresAt, bool Selected);

/// <summary>Why a JWT was refused: GitHub's own message (always a 401).</summary>
public sealed class JwtRejectedException(string message) : Exception(message);

internal sealed class AppRecord(string appId, RSA publicKey, string slug, int tokenLifetimeSeconds)
{
    public string AppId { get; } = appId;
    public RSA PublicKey { get; } = publicKey;
    public string Slug { get; } = slug;
    public int TokenLifetimeSeconds { get; } = tokenLifetimeSeconds;
    public Dictionary<long, InstallationSpec> Installations { get; } = [];
}

/// <summary>GitHub Apps: registration, JWT verification as GitHub does it, installation tokens that expire.</summary>
public sealed partial class EmulatorState
{
    /// <summary>GitHub's longest JWT: <c>exp</c> at most 10 minutes after <c>iat</c> and after GitHub's now.</summary>
    public const int MaxJwtSeconds = 600;

    /// <summary>How far in GitHub's future <c>iat</c> may be (clock drift).</summary>
    public const int IatLeewaySeconds = 60;

    public const string CouldNotDecode = "A JSON web token could not be decoded";
    public const string ExpTooFar = "'Expiration time' claim ('exp') is too far in the future";
    public const string ExpNotFuture = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
    public const string IatInvalid = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";

    private readonly Dictionary<string, AppRecord> apps = new(StringComparer.Ordinal);

    /// <summary>Registers (or replaces) an app. The key is any PEM holding an RSA key; only its public half is kept.</summary>
    public void AddApp(GitHubAppSpec spec)
    {
        if (string.IsNullOrEmpty(spec.AppId))
        {
            throw new ArgumentException("An app needs an ID.", nameof(spec));
        }
        if (spec.TokenLifetimeSeconds <= 0)
        {
            throw new ArgumentException("'tokenLifetimeSeconds' must be positive.", nameof(spec));
        }
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(spec.PublicKeyPem);
            key.ImportParameters(key.ExportParameters(includePrivateParameters: false));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new ArgumentException($"'publicKeyPem' is not a PEM RSA key: {e.Message}", nameof(spec));
        }
        var app = new AppRecord(spec.AppId, key, spec.Slug ?? $"app-{spec.AppId}", spec.TokenLifetimeSeconds);
        foreach (var installation in spec.Installations)
        {
            app.Installations[installation.Id] = installation;
        }
        lock (Gate)
        {
            apps[spec.AppId] = app;
        }
    }

    /// <summary>
    /// Verifies a JWT the way GitHub does and mints a token for <paramref name="installationId"/>: null when the app has
    /// no such installation (404). A JWT GitHub would refuse throws <see cref="JwtRejectedException"/> with GitHub's message.
    /// </summary>
    internal MintedToken? MintInstallationToken(string jwt, long installationId)
    {
        lock (Gate)
        {
            var app = VerifyJwt(jwt);
            if (!app.Installations.TryGetValue(installationId, out var installation))
            {
                return null;
            }
            var token = "ghs_" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36);
            var expiresAt = Now.AddSeconds(app.TokenLifetimeSeconds);
            var visible = installation.Repos?.ToHashSet(StringComparer.OrdinalIgnoreCase);
            tokens[token] = new TokenGrant(User(app.Slug + "[bot]"), visible, expiresAt, installation.Login,
                admin: false, kind: TokenKind.Integration, appSlug: app.Slug, installationId: installationId);
            return new MintedToken(token, expiresAt, visible is not null);
        }
    }

    /// <summary>
    /// Revokes every token minted for an installation, as GitHub does when the installation's permissions change or its
    /// tokens are revoked: they answer 401 <c>Bad credentials</c> from now on. Returns how many there were.
    /// </summary>
    public int RevokeInstallationTokens(long installationId)
    {
        lock (Gate)
        {
            var revoked = tokens.Where(t => t.Value.InstallationId == installationId).Select(t => t.Key).ToList();
            foreach (var token in revoked)
            {
                tokens.Remove(token);
            }
            return revoked.Count;
        }
    }

    /// <summary>The app whose JWT this is: structure, RS256 signature with its key, then the time claims.</summary>
    private AppRecord VerifyJwt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            throw new JwtRejectedException(CouldNotDecode);
        }
        var header = DecodeJson(parts[0]);
        var claims = DecodeJson(parts[1]);
        var signature = Base64Url(parts[2]);
        if (header?["alg"]?.GetValueKind() != JsonValueKind.String || header["alg"]!.GetValue<string>() != "RS256" || claims is null || signature is null)
        {
            throw new JwtRejectedException(CouldNotDecode);
        }
        var issuer = claims["iss"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        if (issuer is null || !apps.TryGetValue(issuer, out var app)
            || !app.PublicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            throw new JwtRejectedException(CouldNotDecode);
        }
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        if (Seconds(claims["exp"]) is not { } exp || exp <= now)
        {
            throw new JwtRejectedException(ExpNotFuture);
        }
        if (Seconds(claims["iat"]) is not { } iat || iat > now + IatLeewaySeconds)
        {
            throw new JwtRejectedException(IatInvalid);
        }
        if (exp - iat > MaxJwtSeconds || exp > now + MaxJwtSeconds)
        {
            throw new JwtRejectedException(ExpTooFar);
        }
        return app;
    }

    private static long? Seconds(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : null;

    private static JsonObject? DecodeJson(string part)
    {
        if (Base64Url(part) is not { } bytes)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[]? Base64Url(string part)
    {
        if (part.Length == 0 || part.Contains('=') || part.Contains('+') || part.Contains('/'))
        {
            return null;
        }
        var padded = part.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
