using System;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace DeploymentStatus.Session
{
    /// <summary>
    /// Reads a GitHub App's private key: a PEM file holding an RSA key as PKCS#1 (<c>-----BEGIN RSA PRIVATE KEY-----</c>,
    /// what GitHub generates) or PKCS#8 (<c>-----BEGIN PRIVATE KEY-----</c>, what <c>openssl pkcs8</c> and .NET's
    /// ExportPkcs8PrivateKeyPem write). netstandard2.0 has no ImportRSAPrivateKey, so the DER is read here by
    /// <see cref="DerReader"/> into <see cref="RSAParameters"/>, checked (the numbers must make one RSA key), and
    /// imported into the platform's RSA. Every buffer that held key material (file bytes, base64 characters, DER,
    /// parameters) is cleared before this returns; what stays is the platform's RSA object, never a string.
    /// </summary>
    internal static class GitHubAppKey
    {
        /// <summary>A PEM RSA key of 16384 bits is under 13 KB; anything far larger is not a key file.</summary>
        const int MaxFileBytes = 64 * 1024;

        /// <summary>GitHub generates 2048-bit keys; a smaller RSA key is not one of them (and is not safe to sign with).</summary>
        public const int MinModulusBits = 2048;

        const int MaxModulusBits = 16384;
        const string RsaEncryptionOid = "1.2.840.113549.1.1.1";

        /// <summary>Reads the key file at <paramref name="path"/> (a full file-system path).</summary>
        /// <exception cref="GitHubAppKeyException">missing, unreadable, not a PEM RSA private key, or malformed.</exception>
        public static RSA Load(string path)
        {
            byte[] bytes;
            try
            {
                var info = new FileInfo(path);
                if (Directory.Exists(path)) throw new GitHubAppKeyException(path, "is a directory, not a key file.");
                if (!info.Exists) throw new GitHubAppKeyException(path, "does not exist.");
                if (info.Length > MaxFileBytes)
                    throw new GitHubAppKeyException(path, string.Format(CultureInfo.InvariantCulture,
                        "is {0:N0} bytes long, too long for a private key; is it the .pem file GitHub generated?", info.Length));
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is SecurityException
                || ex is NotSupportedException || ex is ArgumentException)
            {
                throw new GitHubAppKeyException(path, "cannot be read: " + ex.Message, ex);
            }
            try { return FromPem(bytes, path); }
            finally { Array.Clear(bytes, 0, bytes.Length); }
        }

        /// <summary>The key in a PEM file's bytes as an RSA object; <paramref name="source"/> names the file in messages.</summary>
        public static RSA FromPem(byte[] pem, string source)
        {
            var parameters = ReadPem(pem, source);
            try
            {
                var rsa = RSA.Create();
                try
                {
                    rsa.ImportParameters(parameters);
                    return rsa;
                }
                catch (CryptographicException)
                {
                    rsa.Dispose();
                    throw new GitHubAppKeyException(source, "holds an RSA key this platform refuses to load.");
                }
            }
            finally { Clear(parameters); }
        }

        /// <summary>The RSA private key of the first private-key block of a PEM file, checked for consistency.</summary>
        internal static RSAParameters ReadPem(byte[] pem, string source)
        {
            var der = DecodePem(pem, source, out var pkcs8);
            try
            {
                var parameters = pkcs8 ? ReadPkcs8(der) : ReadPkcs1(new DerReader(der));
                try
                {
                    Check(parameters);
                    return parameters;
                }
                catch
                {
                    Clear(parameters);
                    throw;
                }
            }
            catch (FormatException ex)
            {
                // DerReader's and Check's messages describe the structure (which field, what is wrong), never a value.
                throw new GitHubAppKeyException(source, "is not a well-formed " + (pkcs8 ? "PKCS#8" : "PKCS#1") + " RSA private key: " + ex.Message);
            }
            finally { Array.Clear(der, 0, der.Length); }
        }

        // ---- PEM

        /// <summary>The DER bytes of the first RSA PRIVATE KEY or PRIVATE KEY block (RFC 7468), base64-decoded.</summary>
        static byte[] DecodePem(byte[] pem, string source, out bool pkcs8)
        {
            const string begin = "-----BEGIN ";
            string? other = null;
            for (var at = IndexOf(pem, begin, 0); at >= 0; at = IndexOf(pem, begin, at + begin.Length))
            {
                var labelStart = at + begin.Length;
                var labelEnd = IndexOf(pem, "-----", labelStart);
                var lineEnd = IndexOfAny(pem, labelStart, '\n', '\r');
                if (labelEnd < 0 || (lineEnd >= 0 && lineEnd < labelEnd) || labelEnd - labelStart > 64) continue;
                var label = Encoding.ASCII.GetString(pem, labelStart, labelEnd - labelStart);
                switch (label)
                {
                    case "RSA PRIVATE KEY":
                    case "PRIVATE KEY":
                        pkcs8 = label == "PRIVATE KEY";
                        return DecodeBlock(pem, labelEnd + 5, label, source);
                    case "ENCRYPTED PRIVATE KEY":
                        throw new GitHubAppKeyException(source, "holds an encrypted private key. GitHub's keys are not encrypted; decrypt it first (openssl pkey -in FILE -out KEY.pem).");
                    case "OPENSSH PRIVATE KEY":
                        throw new GitHubAppKeyException(source, "holds an OpenSSH private key, not the PEM key GitHub generates for an app.");
                    case "EC PRIVATE KEY":
                    case "DSA PRIVATE KEY":
                        throw new GitHubAppKeyException(source, "holds a " + label.Substring(0, label.IndexOf(' ')) + " private key; a GitHub App key is an RSA key.");
                    default:
                        other ??= label.IndexOf("PUBLIC KEY", StringComparison.Ordinal) >= 0 ? "a public key" : "a PEM block that is no private key";
                        break;
                }
            }
            throw new GitHubAppKeyException(source, other != null
                ? "holds " + other + " but no private key (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)."
                : "is not a PEM private key: it has no -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY----- line.");
        }

        static byte[] DecodeBlock(byte[] pem, int from, string label, string source)
        {
            var endMarker = "-----END " + label + "-----";
            var end = IndexOf(pem, endMarker, from);
            if (end < 0) throw new GitHubAppKeyException(source, "has no " + endMarker + " line: the key is cut short.");
            var chars = new char[end - from];
            var count = 0;
            try
            {
                // The rest of the BEGIN line, then base64 in lines. A header (Proc-Type: 4,ENCRYPTED, DEK-Info: …) is
                // how OpenSSL marks a legacy encrypted PKCS#1 key.
                for (var i = from; i < end; i++)
                    if (pem[i] == ':') throw new GitHubAppKeyException(source, "holds an encrypted private key (a Proc-Type/DEK-Info header). GitHub's keys are not encrypted; decrypt it first (openssl pkey -in FILE -out KEY.pem).");
                for (var i = from; i < end; i++)
                {
                    var b = pem[i];
                    if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
                    var isBase64 = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/' || b == '=';
                    if (!isBase64) throw new GitHubAppKeyException(source, "is not a well-formed PEM key: the block holds a character that is not base64.");
                    chars[count++] = (char)b;
                }
                if (count == 0) throw new GitHubAppKeyException(source, "has an empty " + label + " block.");
                try { return Convert.FromBase64CharArray(chars, 0, count); }
                catch (FormatException) { throw new GitHubAppKeyException(source, "is not a well-formed PEM key: its base64 does not decode (a line missing or cut?)."); }
            }
            finally { Array.Clear(chars, 0, chars.Length); }
        }

        static int IndexOf(byte[] data, string ascii, int from)
        {
            for (var i = Math.Max(0, from); i <= data.Length - ascii.Length; i++)
            {
                var j = 0;
                while (j < ascii.Length && data[i + j] == ascii[j]) j++;
                if (j == ascii.Length) return i;
            }
            return -1;
        }

        static int IndexOfAny(byte[] data, int from, char a, char b)
        {
            for (var i = from; i < data.Length; i++)
                if (data[i] == a || data[i] == b) return i;
            return -1;
        }

        // ---- DER

        /// <summary>
        /// PKCS#1 RSAPrivateKey (RFC 8017 A.1.2): SEQUENCE { version 0, n, e, d, p, q, dP, dQ, qInv }. Version 1
        /// (multi-prime, with otherPrimeInfos) is refused: GitHub's keys are two-prime and .NET imports no others.
        /// </summary>
        static RSAParameters ReadPkcs1(DerReader outer)
        {
            var key = outer.ReadSequence("RSAPrivateKey");
            outer.ExpectEnd("the RSAPrivateKey");
            var version = key.ReadSmallInteger("the version");
            if (version == 1) throw new FormatException("it is a multi-prime key, which is not supported.");
            if (version != 0) throw new FormatException("its version is " + version.ToString(CultureInfo.InvariantCulture) + ", not 0.");
            var modulus = key.ReadUnsignedInteger("the modulus");
            var size = modulus.Length;
            var half = (size + 1) / 2;
            var parameters = new RSAParameters { Modulus = modulus };
            try
            {
                parameters.Exponent = key.ReadUnsignedInteger("the public exponent");
                parameters.D = key.ReadUnsignedInteger("the private exponent", size);
                parameters.P = key.ReadUnsignedInteger("the first prime", half);
                parameters.Q = key.ReadUnsignedInteger("the second prime", half);
                parameters.DP = key.ReadUnsignedInteger("the first CRT exponent", half);
                parameters.DQ = key.ReadUnsignedInteger("the second CRT exponent", half);
                parameters.InverseQ = key.ReadUnsignedInteger("the CRT coefficient", half);
                key.ExpectEnd("the CRT coefficient");
                return parameters;
            }
            catch
            {
                Clear(parameters);
                throw;
            }
        }

        /// <summary>
        /// PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958): SEQUENCE { version 0|1, AlgorithmIdentifier
        /// { rsaEncryption, NULL }, OCTET STRING holding the PKCS#1 key, [0] attributes OPTIONAL, [1] public key OPTIONAL }.
        /// </summary>
        static RSAParameters ReadPkcs8(byte[] der)
        {
            var outer = new DerReader(der);
            var info = outer.ReadSequence("PrivateKeyInfo");
            outer.ExpectEnd("the PrivateKeyInfo");
            var version = info.ReadSmallInteger("the version");
            if (version != 0 && version != 1) throw new FormatException("its version is " + version.ToString(CultureInfo.InvariantCulture) + ", not 0 or 1.");
            var algorithm = info.ReadSequence("the AlgorithmIdentifier");
            var oid = algorithm.ReadObjectIdentifier("the key algorithm");
            if (oid != RsaEncryptionOid)
                throw new FormatException("it is not an RSA key (its algorithm is " + AlgorithmName(oid) + "); a GitHub App key is an RSA key.");
            if (algorithm.HasData) algorithm.ReadNull("the algorithm parameters");
            algorithm.ExpectEnd("the AlgorithmIdentifier");
            var privateKey = info.ReadOctetString("the private key");
            var parameters = ReadPkcs1(privateKey);
            try
            {
                // [0] IMPLICIT attributes, [1] IMPLICIT public key (v2): allowed, not needed.
                while (info.HasData) info.Skip(tag => tag == 0xA0 || tag == 0x81 || tag == 0xA1, "an attribute or public key");
                return parameters;
            }
            catch
            {
                Clear(parameters);
                throw;
            }
        }

        static string AlgorithmName(string oid) => oid switch
        {
            "1.2.840.10045.2.1" => "EC (" + oid + ")",
            "1.3.101.112" => "Ed25519 (" + oid + ")",
            "1.3.101.113" => "Ed448 (" + oid + ")",
            "1.2.840.10040.4.1" => "DSA (" + oid + ")",
            "1.2.840.113549.1.1.10" => "RSASSA-PSS (" + oid + ")",
            _ => oid,
        };

        /// <summary>
        /// The numbers must make one RSA key: n = p·q, e·d ≡ 1 (mod lcm(p−1, q−1)), dP = d mod (p−1), dQ = d mod (q−1),
        /// q·qInv ≡ 1 (mod p). A file damaged inside a number would otherwise load (most platforms do not check) and
        /// sign with garbage, which GitHub answers only with "A JSON web token could not be decoded".
        /// </summary>
        static void Check(RSAParameters p)
        {
            var bits = BitLength(p.Modulus!);
            if (bits < MinModulusBits)
                throw new FormatException(string.Format(CultureInfo.InvariantCulture, "its modulus has {0} bits; GitHub App keys have {1} or more.", bits, MinModulusBits));
            if (bits > MaxModulusBits)
                throw new FormatException(string.Format(CultureInfo.InvariantCulture, "its modulus has {0} bits, more than {1}.", bits, MaxModulusBits));
            var n = Number(p.Modulus!);
            var e = Number(p.Exponent!);
            var d = Number(p.D!);
            var prime1 = Number(p.P!);
            var prime2 = Number(p.Q!);
            if (e < 3 || e.IsEven || e >= n) throw new FormatException("its public exponent is not a valid RSA exponent.");
            if (prime1 < 3 || prime2 < 3 || prime1 * prime2 != n) throw new FormatException("its primes do not multiply to its modulus.");
            var p1 = prime1 - 1;
            var q1 = prime2 - 1;
            var lambda = p1 / BigInteger.GreatestCommonDivisor(p1, q1) * q1;
            if (d <= 1 || d >= n || e * d % lambda != 1) throw new FormatException("its private exponent does not match its public exponent.");
            if (Number(p.DP!) != d % p1 || Number(p.DQ!) != d % q1) throw new FormatException("its CRT exponents do not match its private exponent.");
            if (prime2 * Number(p.InverseQ!) % prime1 != 1) throw new FormatException("its CRT coefficient does not match its primes.");
        }

        /// <summary>An unsigned big-endian number (padded or not) as a BigInteger.</summary>
        static BigInteger Number(byte[] bigEndian)
        {
            var little = new byte[bigEndian.Length + 1];
            for (var i = 0; i < bigEndian.Length; i++) little[i] = bigEndian[bigEndian.Length - 1 - i];
            try { return new BigInteger(little); }
            finally { Array.Clear(little, 0, little.Length); }
        }

        static int BitLength(byte[] bigEndian)
        {
            var i = 0;
            while (i < bigEndian.Length && bigEndian[i] == 0) i++;
            if (i == bigEndian.Length) return 0;
            var bits = (bigEndian.Length - i - 1) * 8;
            for (int top = bigEndian[i]; top != 0; top >>= 1) bits++;
            return bits;
        }

        internal static void Clear(RSAParameters parameters)
        {
            foreach (var part in new[] { parameters.D, parameters.P, parameters.Q, parameters.DP, parameters.DQ, parameters.InverseQ, parameters.Modulus, parameters.Exponent })
                if (part != null) Array.Clear(part, 0, part.Length);
        }
    }
}
