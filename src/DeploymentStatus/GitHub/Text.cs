using System.Globalization;
using System.Text;

namespace DeploymentStatus.GitHub
{
    /// <summary>Checks for text that reaches a URL, a query or a header.</summary>
    internal static class Text
    {
        public static bool HasControlCharacter(string? value)
        {
            if (value == null) return false;
            foreach (var c in value)
                if (char.IsControl(c)) return true;
            return false;
        }

        /// <summary>The value with control characters shown as \uXXXX, for error messages.</summary>
        public static string Printable(string? value)
        {
            if (value == null) return "";
            var builder = new StringBuilder(value.Length);
            foreach (var c in value)
                builder.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString());
            return builder.ToString();
        }
    }
}
