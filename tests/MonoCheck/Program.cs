using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using DeploymentStatus.Http;
using DeploymentStatus.Session;

namespace DeploymentStatus.MonoCheck
{
    /// <summary>
    /// Checks, on the runtime it runs on (Mono, standing in for .NET Framework), what of the module leans on the platform's
    /// cryptography and networking: a GitHub App's key read from PKCS#1 and PKCS#8 PEM files (openssl's), a JWT signed with it
    /// that the key's public half verifies with GitHub's claims, and the TLS 1.2 rule. Prints one line a check and
    /// `MONO_CHECK passed=N failed=M`; exits 1 on any failure.
    /// </summary>
    static class Program
    {
        static readonly List<string> failures = new List<string>();
        static int passed;

        static int Main(string[] args)
        {
            if (args.Length != 2)
            {
                Console.Error.WriteLine("Usage: DeploymentStatus.MonoCheck.exe PKCS1.pem PKCS8.pem");
                return 2;
            }
            Console.WriteLine("Runtime: " + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            foreach (var path in args)
            {
                var name = Path.GetFileName(path);
                RSA? key = null;
                Check(name + " reads as a 2048-bit key", () =>
                {
                    key = GitHubAppKey.Load(path);
                    return key.KeySize == 2048;
                });
                if (key == null) continue;
                Check(name + " signs a JWT that its public half verifies, with GitHub's claims", () => JwtVerifies(key));
            }
            Check("a file that is no key is refused, without quoting it", () =>
            {
                var bad = Path.GetTempFileName();
                File.WriteAllText(bad, "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n");
                try { GitHubAppKey.Load(bad); return false; }
                catch (Exception ex) when (!(ex is NullReferenceException)) { return ex.Message.IndexOf("bm90IGEga2V5", StringComparison.Ordinal) < 0; }
                finally { File.Delete(bad); }
            });
#pragma warning disable CS0618 // SSL 3 and TLS 1.0: what an old process has set, kept.
            Check("TLS 1.2 is added to what the process set, which stays", () =>
                Tls.WithTls12(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls) == (SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls | SecurityProtocolType.Tls12)
                && Tls.WithTls12(0) == 0);
#pragma warning restore CS0618
            Check("Tls.Enable leaves the process with TLS 1.2 or the system's choice", () =>
            {
                Tls.Enable();
                var now = ServicePointManager.SecurityProtocol;
                return now == 0 || (now & SecurityProtocolType.Tls12) != 0 || !IsNetFramework;
            });

            Console.WriteLine("MONO_CHECK passed=" + passed + " failed=" + failures.Count);
            return failures.Count == 0 ? 0 : 1;
        }

        static bool IsNetFramework => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        static bool JwtVerifies(RSA key)
        {
            var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
            var jwt = GitHubAppJwt.Create(key, "123456", now);
            var parts = jwt.Split('.');
            if (parts.Length != 3) return false;
            var header = Encoding.UTF8.GetString(FromBase64Url(parts[0]));
            var payload = Encoding.UTF8.GetString(FromBase64Url(parts[1]));
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            var verified = key.VerifyData(signed, FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var iat = now.ToUnixTimeSeconds() - 60;
            var exp = now.ToUnixTimeSeconds() + 9 * 60;
            return verified && header == GitHubAppJwt.Header
                && payload.Contains("\"iat\":" + iat) && payload.Contains("\"exp\":" + exp) && payload.Contains("123456");
        }

        static byte[] FromBase64Url(string text)
        {
            var s = text.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
        }

        static void Check(string name, Func<bool> check)
        {
            bool ok;
            string detail = "";
            try { ok = check(); }
            catch (Exception ex) { ok = false; detail = " (" + ex.GetType().Name + ": " + ex.Message + ")"; }
            Console.WriteLine((ok ? "  [+] " : "  [-] ") + name + detail);
            if (ok) passed++; else failures.Add(name);
        }
    }
}
