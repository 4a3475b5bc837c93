using System.Security.Cryptography;
using System.Text;

namespace GitHubEmulator.State;

/// <summary>Commit shas for refs the tests did not describe.</summary>
internal static class Shas
{
    /// <summary>The ref itself when it is a full sha, else a stable sha made from its name.</summary>
    public static string ForRef(string name) =>
        name.Length == 40 && name.All(Uri.IsHexDigit) ? name.ToLowerInvariant() : Hash(name);

    /// <summary>The sha of the merge commit that an auto-merge of the default branch creates.</summary>
    public static string MergeCommit(string sha) => Hash("merge:" + sha);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
}
