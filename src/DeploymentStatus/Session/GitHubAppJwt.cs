using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DeploymentStatus.Session
{
    /// <summary>
    /// The JSON Web Token a GitHub App authenticates with (RS256, RFC 7519), as GitHub documents it:
    /// https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
    /// </summary>
    /// <remarks>
    /// <para><b>Why one per token request.</b> The JWT is worth an installation token to whoever holds it, for as long as
    /// it lives. It is only needed for the one POST that exchanges it, so it is minted right before that POST, lives in no
    /// field, and is never reused: a fresh one costs one RSA signature (about a millisecond), while a cached one would be
    /// a second secret to guard for ten minutes.</para>
    /// <para><b>Where the clock margins come from.</b> GitHub checks the claims against its own clock: <c>iat</c> must
    /// not be in its future, <c>exp</c> must be in its future and at most 10 minutes away, and <c>exp - iat</c> at most
    /// 10 minutes. GitHub recommends <c>iat</c> 60 seconds in the past to allow for clock drift; the same 60 seconds are
    /// taken off <c>exp</c> (now + 9 minutes instead of 10), because an <c>exp</c> of exactly now + 10 minutes is refused
    /// ("'Expiration time' claim ('exp') is too far in the future") as soon as the local clock runs a second ahead of
    /// GitHub's. So a clock up to 60 s ahead of GitHub's (and up to 9 minutes behind) still gets a token, and
    /// <c>exp - iat</c> is exactly the 600 s GitHub allows.</para>
    /// </remarks>
    internal static class GitHubAppJwt
    {
        /// <summary>How far <c>iat</c> is put in the past (GitHub's recommendation against clock drift).</summary>
        public static readonly TimeSpan IssuedAtSkew = TimeSpan.FromSeconds(60);

        /// <summary>How far in the future <c>exp</c> is: GitHub's maximum of 10 minutes less the same skew.</summary>
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

        public const string Header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

        /// <summary>A JWT for <paramref name="appId"/> signed with <paramref name="key"/>, issued at <paramref name="now"/>.</summary>
        public static string Create(RSA key, string appId, DateTimeOffset now)
        {
            var seconds = now.ToUnixTimeSeconds();
            var claims = "{\"iat\":" + (seconds - (long)IssuedAtSkew.TotalSeconds).ToString(CultureInfo.InvariantCulture)
                + ",\"exp\":" + (seconds + (long)Lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture)
                + ",\"iss\":" + Issuer(appId) + "}";
            var signingInput = Base64Url(Encoding.UTF8.GetBytes(Header)) + "." + Base64Url(Encoding.UTF8.GetBytes(claims));
            var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return signingInput + "." + Base64Url(signature);
        }

        /// <summary>
        /// An app ID (digits) is sent as a JSON number: GitHub Enterprise Server before client IDs were accepted answers a
        /// string with "'Issuer' claim ('iss') must be an Integer". A client ID (Iv1.…, Iv23…) is sent as a string.
        /// </summary>
        internal static string Issuer(string appId)
        {
            var number = appId.Length > 0 && appId.Length <= 18 && appId[0] != '0';
            foreach (var c in appId) number &= c >= '0' && c <= '9';
            if (number) return appId;
            var text = new StringBuilder("\"");
            foreach (var c in appId)
            {
                if (c == '"' || c == '\\') text.Append('\\').Append(c);
                else if (c < ' ') text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else text.Append(c);
            }
            return text.Append('"').ToString();
        }

        internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
