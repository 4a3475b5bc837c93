using System;
using System.Globalization;
using System.Text;

namespace DeploymentStatus.Session
{
    /// <summary>
    /// A minimal reader of DER (ITU-T X.690) for the few types a private key holds: SEQUENCE, INTEGER, OCTET STRING,
    /// OBJECT IDENTIFIER and NULL. Every length is checked against what is left, so a truncated or forged length can
    /// neither read past the key nor allocate more than its size. Failures are <see cref="FormatException"/>s whose
    /// messages name the field, never a byte of it.
    /// </summary>
    internal sealed class DerReader
    {
        const byte Integer = 0x02, OctetString = 0x04, Null = 0x05, ObjectIdentifier = 0x06, Sequence = 0x30;

        readonly byte[] data;
        readonly int end;
        int position;

        public DerReader(byte[] data) : this(data, 0, data.Length) { }

        DerReader(byte[] data, int offset, int length)
        {
            this.data = data;
            position = offset;
            end = offset + length;
        }

        public bool HasData => position < end;

        public DerReader ReadSequence(string what)
        {
            var (offset, length) = Read(Sequence, what, "a SEQUENCE");
            return new DerReader(data, offset, length);
        }

        /// <summary>An OCTET STRING read as DER itself (PKCS#8 wraps the PKCS#1 key in one).</summary>
        public DerReader ReadOctetString(string what)
        {
            var (offset, length) = Read(OctetString, what, "an OCTET STRING");
            return new DerReader(data, offset, length);
        }

        public void ReadNull(string what)
        {
            var (_, length) = Read(Null, what, "NULL");
            if (length != 0) throw new FormatException(what + " is a NULL with content.");
        }

        /// <summary>A non-negative INTEGER as big-endian bytes without leading zeros, left-padded to <paramref name="size"/> when given.</summary>
        public byte[] ReadUnsignedInteger(string what, int size = 0)
        {
            var (offset, length) = Read(Integer, what, "an INTEGER");
            if (length == 0) throw new FormatException(what + " is an INTEGER with no content.");
            if ((data[offset] & 0x80) != 0) throw new FormatException(what + " is negative.");
            while (length > 1 && data[offset] == 0)
            {
                offset++;
                length--;
            }
            if (size > 0 && length > size) throw new FormatException(what + " is longer than the key size allows.");
            var value = new byte[Math.Max(size, length)];
            Buffer.BlockCopy(data, offset, value, value.Length - length, length);
            return value;
        }

        /// <summary>A small non-negative INTEGER such as a version.</summary>
        public int ReadSmallInteger(string what)
        {
            var (offset, length) = Read(Integer, what, "an INTEGER");
            if (length == 0 || length > 2 || (data[offset] & 0x80) != 0) throw new FormatException(what + " is not a small non-negative INTEGER.");
            var value = 0;
            for (var i = 0; i < length; i++) value = (value << 8) | data[offset + i];
            return value;
        }

        /// <summary>An OBJECT IDENTIFIER in dotted form (1.2.840.113549.1.1.1).</summary>
        public string ReadObjectIdentifier(string what)
        {
            var (offset, length) = Read(ObjectIdentifier, what, "an OBJECT IDENTIFIER");
            if (length == 0 || length > 64 || (data[offset + length - 1] & 0x80) != 0) throw new FormatException(what + " is not a valid OBJECT IDENTIFIER.");
            var text = new StringBuilder();
            long arc = 0;
            var first = true;
            for (var i = offset; i < offset + length; i++)
            {
                if (arc == 0 && data[i] == 0x80) throw new FormatException(what + " is not a valid OBJECT IDENTIFIER.");
                arc = (arc << 7) | (uint)(data[i] & 0x7F);
                if (arc > int.MaxValue) throw new FormatException(what + " is not a valid OBJECT IDENTIFIER.");
                if ((data[i] & 0x80) != 0) continue;
                if (first)
                {
                    var top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
                    text.Append(top.ToString(CultureInfo.InvariantCulture)).Append('.').Append((arc - top * 40).ToString(CultureInfo.InvariantCulture));
                    first = false;
                }
                else text.Append('.').Append(arc.ToString(CultureInfo.InvariantCulture));
                arc = 0;
            }
            return text.ToString();
        }

        /// <summary>Skips one element whose tag <paramref name="allowed"/> accepts.</summary>
        public void Skip(Func<byte, bool> allowed, string what)
        {
            if (position >= end) throw new FormatException("it ends where " + what + " was expected.");
            if (!allowed(data[position])) throw new FormatException("it has data after the private key that is not " + what + ".");
            Read(data[position], what, what);
        }

        public void ExpectEnd(string what)
        {
            if (position != end) throw new FormatException("it has data after " + what + ".");
        }

        (int Offset, int Length) Read(byte tag, string what, string kind)
        {
            if (position >= end) throw new FormatException("it ends where " + what + " was expected.");
            if (data[position] != tag) throw new FormatException(what + " is not " + kind + ".");
            position++;
            var length = ReadLength(what);
            if (length > end - position) throw new FormatException(what + " runs past the end of the key (cut short?).");
            var offset = position;
            position += length;
            return (offset, length);
        }

        /// <summary>A definite length: short form, or long form in at most four bytes (DER has no indefinite form).</summary>
        int ReadLength(string what)
        {
            if (position >= end) throw new FormatException("it ends inside " + what + ".");
            int first = data[position++];
            if (first < 0x80) return first;
            if (first == 0x80) throw new FormatException(what + " has an indefinite length, which DER does not allow.");
            var count = first & 0x7F;
            if (count > 4) throw new FormatException(what + " has a length too large for a key.");
            if (end - position < count) throw new FormatException("it ends inside the length of " + what + ".");
            long length = 0;
            for (var i = 0; i < count; i++) length = (length << 8) | data[position++];
            if (length > int.MaxValue) throw new FormatException(what + " has a length too large for a key.");
            return (int)length;
        }
    }
}
