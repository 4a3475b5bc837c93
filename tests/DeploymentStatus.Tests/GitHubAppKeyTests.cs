using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeploymentStatus.Session;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>
/// The PEM/DER reader of GitHub App keys (<see cref="GitHubAppKey"/>, <see cref="DerReader"/>) and the JWT
/// (<see cref="GitHubAppJwt"/>): keys are generated here by .NET 10's own RSA and exported as PKCS#1 and PKCS#8 PEM;
/// what the module signs is verified with the generator's public key; malformed keys are refused with a message that
/// names the file and quotes nothing of it.
/// </summary>
public sealed class GitHubAppKeyTests
{
    const string Source = "app.pem";

    /// <summary>Keys take a while to generate: one of each size for the whole class.</summary>
    static readonly Lazy<RSA> key2048 = new(() => RSA.Create(2048));
    static readonly Lazy<RSA> key3072 = new(() => RSA.Create(3072));
    static readonly Lazy<RSA> key4096 = new(() => RSA.Create(4096));

    static RSA Key(int bits) => bits switch { 3072 => key3072.Value, 4096 => key4096.Value, _ => key2048.Value };

    static RSA Load(string pem) => GitHubAppKey.FromPem(Encoding.UTF8.GetBytes(pem), Source);

    static void AssertSameKey(RSA expected, RSA actual)
    {
        var data = Encoding.UTF8.GetBytes("signed by the loaded key");
        var signature = actual.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(expected.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), "the generator's public key verifies the loaded key's signature");
        var a = expected.ExportParameters(true);
        var b = actual.ExportParameters(true);
        Assert.Equal(a.Modulus, b.Modulus);
        Assert.Equal(a.Exponent, b.Exponent);
        Assert.Equal(a.D, b.D);
        Assert.Equal(a.P, b.P);
        Assert.Equal(a.Q, b.Q);
        Assert.Equal(a.DP, b.DP);
        Assert.Equal(a.DQ, b.DQ);
        Assert.Equal(a.InverseQ, b.InverseQ);
    }

    /// <summary>The refusal: a GitHubAppKeyException naming the file, with no key material (no base64 run, no PEM line) in it.</summary>
    static GitHubAppKeyException AssertRefused(string pem, string? expectedProblem = null) => AssertRefused(Encoding.UTF8.GetBytes(pem), pem, expectedProblem);

    static GitHubAppKeyException AssertRefused(byte[] bytes, string pemForLeakCheck, string? expectedProblem = null)
    {
        var ex = Assert.Throws<GitHubAppKeyException>(() => GitHubAppKey.FromPem(bytes, Source).Dispose());
        Assert.StartsWith("The GitHub App private key file 'app.pem' ", ex.Message);
        if (expectedProblem != null) Assert.Contains(expectedProblem, ex.Message);
        AssertNoKeyMaterial(ex.ToString(), pemForLeakCheck);
        Assert.DoesNotMatch("[A-Za-z0-9+/]{24,}", ex.Message);
        return ex;
    }

    /// <summary>No 12 characters in a row of the PEM's base64 appear in <paramref name="text"/>, nor any long base64-like run.</summary>
    internal static void AssertNoKeyMaterial(string text, string pem)
    {
        var body = string.Concat(pem.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
        for (var i = 0; i + 12 <= body.Length; i++)
            Assert.False(text.Contains(body.Substring(i, 12), StringComparison.Ordinal), "the text quotes the key file");
    }

    static string Pem(string label, byte[] der)
    {
        var text = new StringBuilder("-----BEGIN " + label + "-----\n");
        var base64 = Convert.ToBase64String(der);
        for (var i = 0; i < base64.Length; i += 64) text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        return text.Append("-----END " + label + "-----\n").ToString();
    }

    public class ValidKeys
    {
        [Theory]
        [InlineData(2048)]
        [InlineData(3072)]
        [InlineData(4096)]
        public void ReadsPkcs1AsGitHubGeneratesIt(int bits)
        {
            var key = Key(bits);
            var pem = key.ExportRSAPrivateKeyPem();
            Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", pem);
            using var loaded = Load(pem);
            AssertSameKey(key, loaded);
        }

        [Theory]
        [InlineData(2048)]
        [InlineData(3072)]
        public void ReadsPkcs8(int bits)
        {
            var key = Key(bits);
            var pem = key.ExportPkcs8PrivateKeyPem();
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem);
            using var loaded = Load(pem);
            AssertSameKey(key, loaded);
        }

        [Fact]
        public void ReadsManyFreshKeys()
        {
            // Keys whose numbers have a leading zero byte, or none, come up across a handful of keys.
            for (var i = 0; i < 8; i++)
            {
                using var key = RSA.Create(2048);
                using var pkcs1 = Load(key.ExportRSAPrivateKeyPem());
                using var pkcs8 = Load(key.ExportPkcs8PrivateKeyPem());
                AssertSameKey(key, pkcs1);
                AssertSameKey(key, pkcs8);
            }
        }

        [Fact]
        public void ToleratesWhatFilesCarryAroundTheKey()
        {
            var key = Key(2048);
            var pem = key.ExportRSAPrivateKeyPem();
            var variants = new[]
            {
                pem.Replace("\n", "\r\n"),                              // Windows line ends
                "\uFEFF" + pem,                                         // a byte-order mark
                pem.TrimEnd('\n'),                                      // no final line break
                "Bag Attributes\n    localKeyID: 01\n" + pem,           // openssl pkcs12 output before the block
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" + pem + "trailing text\n",
                pem.Replace("\n", "\n  "),                              // indented lines
                "-----BEGIN PUBLIC KEY-----\n" + Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) + "\n-----END PUBLIC KEY-----\n" + pem,
            };
            foreach (var variant in variants)
            {
                using var loaded = Load(variant);
                AssertSameKey(key, loaded);
            }
        }

        [Fact]
        public void ReadsPkcs8WithAttributesAndWithoutNullParameters()
        {
            var key = Key(2048);
            var pkcs1 = key.ExportRSAPrivateKey();
            // OneAsymmetricKey v1 with [0] attributes, AlgorithmIdentifier without its NULL.
            var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSequence()) writer.WriteObjectIdentifier("1.2.840.113549.1.1.1");
                writer.WriteOctetString(pkcs1);
                using (writer.PushSetOf(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0))) { }
            }
            using var loaded = Load(Pem("PRIVATE KEY", writer.Encode()));
            AssertSameKey(key, loaded);
        }

        [Fact]
        public void ClearsTheParametersItHandsOut()
        {
            var parameters = GitHubAppKey.ReadPem(Encoding.UTF8.GetBytes(Key(2048).ExportRSAPrivateKeyPem()), Source);
            Assert.Equal(256, parameters.Modulus!.Length);
            Assert.Equal(256, parameters.D!.Length);
            Assert.Equal(128, parameters.P!.Length);
            GitHubAppKey.Clear(parameters);
            Assert.All(new[] { parameters.D, parameters.P, parameters.Q, parameters.DP, parameters.DQ, parameters.InverseQ, parameters.Modulus }, part => Assert.All(part!, b => Assert.Equal(0, b)));
        }
    }

    public class MalformedKeys
    {
        static string Pkcs1 => Key(2048).ExportRSAPrivateKeyPem();
        static byte[] Pkcs1Der => Key(2048).ExportRSAPrivateKey();

        [Fact]
        public void NoPemAtAll()
        {
            AssertRefused("", "no -----BEGIN RSA PRIVATE KEY-----");
            AssertRefused("ghp_0123456789abcdefghijklmnopqrstuvwxyz\n", "no -----BEGIN RSA PRIVATE KEY-----");
            AssertRefused(Convert.ToBase64String(Pkcs1Der), "no -----BEGIN RSA PRIVATE KEY-----");
        }

        [Fact]
        public void APublicKeyOnly()
        {
            AssertRefused(Key(2048).ExportSubjectPublicKeyInfoPem(), "a public key but no private key");
            AssertRefused(Key(2048).ExportRSAPublicKeyPem(), "a public key but no private key");
        }

        [Fact]
        public void EncryptedKeys()
        {
            AssertRefused(Key(2048).ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000)), "encrypted");
            var lines = Pkcs1.Split('\n').ToList();
            lines.Insert(1, "Proc-Type: 4,ENCRYPTED");
            lines.Insert(2, "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF");
            lines.Insert(3, "");
            AssertRefused(string.Join("\n", lines), "encrypted");
        }

        [Fact]
        public void KeysThatAreNotRsa()
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            AssertRefused(ec.ExportPkcs8PrivateKeyPem(), "not an RSA key");
            AssertRefused(ec.ExportECPrivateKeyPem(), "EC private key");
            AssertRefused("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n", "OpenSSH");
        }

        [Fact]
        public void AKeyTooSmall()
        {
            using var small = RSA.Create(1024);
            AssertRefused(small.ExportRSAPrivateKeyPem(), "1024 bits");
        }

        [Fact]
        public void TheBlockCutShort()
        {
            var lines = Pkcs1.TrimEnd('\n').Split('\n');
            AssertRefused(string.Join("\n", lines[..^1]), "no -----END RSA PRIVATE KEY----- line");
            // END line present, but lines of base64 lost: the DER is cut short.
            AssertRefused(string.Join("\n", lines[..10].Append(lines[^1])), "is not a well-formed");
            AssertRefused(string.Join("\n", lines[..1].Concat(lines[^1..])), "empty");
        }

        [Fact]
        public void CharactersThatAreNotBase64()
        {
            var lines = Pkcs1.Split('\n');
            lines[3] = lines[3][..10] + "*" + lines[3][11..];
            AssertRefused(string.Join("\n", lines), "not base64");
            lines = Pkcs1.Split('\n');
            lines[3] = lines[3][..10] + "=" + lines[3][11..];
            AssertRefused(string.Join("\n", lines), "does not decode");
        }

        [Fact]
        public void DerThatIsNotAKey()
        {
            var der = Pkcs1Der;
            AssertRefused(Pem("RSA PRIVATE KEY", [.. der, 0x05, 0x00]), "data after the RSAPrivateKey");
            AssertRefused(Pem("RSA PRIVATE KEY", [0x02, 0x01, 0x00]), "RSAPrivateKey is not a SEQUENCE");
            AssertRefused(Pem("RSA PRIVATE KEY", [0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00]), "indefinite length");
            AssertRefused(Pem("RSA PRIVATE KEY", [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x02]), "runs past the end");
            AssertRefused(Pem("RSA PRIVATE KEY", [0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00]), "length too large");
            AssertRefused(Pem("RSA PRIVATE KEY", [0x30, 0x03, 0x02, 0x01, 0x00]), "ends where the modulus was expected");
            AssertRefused(Pem("RSA PRIVATE KEY", [0x30, 0x03, 0x02, 0x01, 0x02]), "version is 2");
            AssertRefused(Pem("RSA PRIVATE KEY", [0x30, 0x03, 0x02, 0x01, 0x01]), "multi-prime");
            AssertRefused(Pem("RSA PRIVATE KEY", [0x30, 0x05, 0x02, 0x01, 0x00, 0x02, 0x00]), "no content");
            AssertRefused(Pem("RSA PRIVATE KEY", [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x80]), "negative");
            // PKCS#8 whose algorithm is RSA but whose octet string is no PKCS#1 key.
            var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.1.1");
                    writer.WriteNull();
                }
                writer.WriteOctetString([0x04, 0x00]);
            }
            AssertRefused(Pem("PRIVATE KEY", writer.Encode()), "PKCS#8");
        }

        [Fact]
        public void NumbersThatDoNotMakeOneKey()
        {
            // Well-formed DER, but the numbers are not one RSA key: a damaged file that would sign garbage.
            var p = Key(2048).ExportParameters(true);
            RSAParameters Changed(Action<RSAParameters> change)
            {
                var copy = new RSAParameters
                {
                    Modulus = (byte[])p.Modulus!.Clone(), Exponent = (byte[])p.Exponent!.Clone(), D = (byte[])p.D!.Clone(),
                    P = (byte[])p.P!.Clone(), Q = (byte[])p.Q!.Clone(), DP = (byte[])p.DP!.Clone(), DQ = (byte[])p.DQ!.Clone(), InverseQ = (byte[])p.InverseQ!.Clone(),
                };
                change(copy);
                return copy;
            }
            AssertRefused(Pkcs1Pem(Changed(k => k.Modulus![^1] ^= 2)), "primes do not multiply");
            AssertRefused(Pkcs1Pem(Changed(k => k.D![^1] ^= 2)), "private exponent does not match");
            AssertRefused(Pkcs1Pem(Changed(k => k.DP![^1] ^= 2)), "CRT exponents");
            AssertRefused(Pkcs1Pem(Changed(k => k.InverseQ![^1] ^= 2)), "CRT coefficient");
            var evenExponent = Changed(_ => { });
            evenExponent.Exponent = [0x01, 0x00, 0x02];
            AssertRefused(Pkcs1Pem(evenExponent), "not a valid RSA exponent");
        }

        /// <summary>A PKCS#1 RSAPrivateKey written from parameters as they are (no checks), as a damaged file would be.</summary>
        static string Pkcs1Pem(RSAParameters k)
        {
            var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
                // RSAParameters pads D, DP, DQ and InverseQ to a fixed length; DER wants their leading zero bytes gone.
                foreach (var part in new[] { k.Modulus, k.Exponent, k.D, k.P, k.Q, k.DP, k.DQ, k.InverseQ })
                    writer.WriteIntegerUnsigned(part.AsSpan().TrimStart((byte)0));
            }
            return Pem("RSA PRIVATE KEY", writer.Encode());
        }

        [Fact]
        public void EveryTruncationAndEveryByteChangedIsRefusedCleanly()
        {
            // Whatever the damage, the answer is a GitHubAppKeyException without key material, never another exception
            // (an IndexOutOfRange from a bad length, an OutOfMemory from a forged one) and never a loaded key.
            var der = Pkcs1Der;
            var random = new Random(20260115);
            for (var i = 0; i < 200; i++)
            {
                var cut = random.Next(1, der.Length);
                AssertRefused(Pem("RSA PRIVATE KEY", der[..cut]));
            }
            for (var i = 0; i < 300; i++)
            {
                var damaged = (byte[])der.Clone();
                var at = random.Next(damaged.Length);
                damaged[at] ^= (byte)random.Next(1, 256);
                var pem = Pem("RSA PRIVATE KEY", damaged);
                AssertRefused(pem);
            }
            var pkcs8 = Key(2048).ExportPkcs8PrivateKey();
            for (var i = 0; i < 100; i++)
            {
                var damaged = (byte[])pkcs8.Clone();
                damaged[random.Next(damaged.Length)] ^= (byte)random.Next(1, 256);
                AssertRefused(Pem("PRIVATE KEY", damaged));
            }
        }
    }

    public class TheLoadMethod
    {
        [Fact]
        public void ReadsAKeyFile()
        {
            var path = Path.Combine(Path.GetTempPath(), "ds-key-" + Guid.NewGuid().ToString("n") + ".pem");
            File.WriteAllText(path, Key(2048).ExportRSAPrivateKeyPem());
            try
            {
                using var loaded = GitHubAppKey.Load(path);
                AssertSameKey(Key(2048), loaded);
            }
            finally { File.Delete(path); }
        }

        [Fact]
        public void NamesAFileThatIsMissingOrADirectoryOrTooLarge()
        {
            var dir = Path.Combine(Path.GetTempPath(), "ds-keys-" + Guid.NewGuid().ToString("n"));
            Directory.CreateDirectory(dir);
            try
            {
                var missing = Path.Combine(dir, "missing.pem");
                Assert.Equal("The GitHub App private key file '" + missing + "' does not exist.", Assert.Throws<GitHubAppKeyException>(() => GitHubAppKey.Load(missing)).Message);
                Assert.Contains("is a directory", Assert.Throws<GitHubAppKeyException>(() => GitHubAppKey.Load(dir)).Message);
                var large = Path.Combine(dir, "large.pem");
                File.WriteAllText(large, string.Concat(Enumerable.Repeat(Key(2048).ExportRSAPrivateKeyPem(), 60)));
                var ex = Assert.Throws<GitHubAppKeyException>(() => GitHubAppKey.Load(large));
                Assert.Contains("too long for a private key", ex.Message);
                AssertNoKeyMaterial(ex.ToString(), Key(2048).ExportRSAPrivateKeyPem());
            }
            finally { Directory.Delete(dir, true); }
        }
    }

    public class TheJwt
    {
        static readonly DateTimeOffset now = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

        static (JsonObject Header, JsonObject Claims, string[] Parts) Decode(string jwt)
        {
            var parts = jwt.Split('.');
            Assert.Equal(3, parts.Length);
            Assert.All(parts, p => Assert.Matches("^[A-Za-z0-9_-]+$", p));
            return (JsonNode.Parse(FromBase64Url(parts[0]))!.AsObject(), JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject(), parts);
        }

        static byte[] FromBase64Url(string s)
        {
            var padded = s.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
        }

        [Fact]
        public void IsRs256WithGitHubsClaims()
        {
            var jwt = GitHubAppJwt.Create(Key(2048), "123", now);
            var (header, claims, parts) = Decode(jwt);

            Assert.Equal("""{"alg":"RS256","typ":"JWT"}""", Encoding.UTF8.GetString(FromBase64Url(parts[0])));
            Assert.Equal("RS256", header["alg"]!.GetValue<string>());
            Assert.Equal(["iat", "exp", "iss"], claims.Select(c => c.Key));
            Assert.Equal(now.ToUnixTimeSeconds() - 60, claims["iat"]!.GetValue<long>());
            Assert.Equal(now.ToUnixTimeSeconds() + 9 * 60, claims["exp"]!.GetValue<long>());
            Assert.Equal(600, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
            Assert.Equal(123, claims["iss"]!.GetValue<long>());
            Assert.True(Key(2048).VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            Assert.Equal(256, FromBase64Url(parts[2]).Length);
        }

        [Fact]
        public void SignsWithTheLoadedKeyVerifiedByTheGeneratorsPublicKey()
        {
            using var loaded = Load(Key(3072).ExportPkcs8PrivateKeyPem());
            var (_, _, parts) = Decode(GitHubAppJwt.Create(loaded, "123", now));
            using var publicOnly = RSA.Create();
            publicOnly.ImportSubjectPublicKeyInfo(Key(3072).ExportSubjectPublicKeyInfo(), out _);
            Assert.True(publicOnly.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            Assert.False(publicOnly.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1] + "x"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        [Theory]
        [InlineData("123", "123")]
        [InlineData("Iv1.0123456789abcdef", "\"Iv1.0123456789abcdef\"")]
        [InlineData("Iv23liABCDEF", "\"Iv23liABCDEF\"")]
        [InlineData("0123", "\"0123\"")]
        [InlineData("1234567890123456789", "\"1234567890123456789\"")]
        public void TheIssuerIsANumberForAnAppIdAndAStringForAClientId(string appId, string json) =>
            Assert.Equal(json, GitHubAppJwt.Issuer(appId));

        [Fact]
        public void IsFreshEachTime()
        {
            var a = GitHubAppJwt.Create(Key(2048), "123", now);
            var b = GitHubAppJwt.Create(Key(2048), "123", now.AddSeconds(1));
            Assert.NotEqual(a, b);
            Assert.Equal(Decode(a).Claims["iat"]!.GetValue<long>() + 1, Decode(b).Claims["iat"]!.GetValue<long>());
        }

        [Fact]
        public void HasNoBase64Padding() =>
            Assert.DoesNotMatch("[=+/]", GitHubAppJwt.Create(Key(2048), "Iv1.abc", now));
    }
}
