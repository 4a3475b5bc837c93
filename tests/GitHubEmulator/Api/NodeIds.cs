using System.Globalization;
using System.Text;

namespace GitHubEmulator.Api;

/// <summary>
/// GitHub's legacy global node ids: base64 of <c>{length of type:00}:{type}{id}</c>, e.g. <c>MDEwOkRlcGxveW1lbnQx</c>
/// for Deployment 1. REST gives them as <c>node_id</c>; GraphQL's <c>id</c> is the same string.
/// </summary>
internal static class NodeIds
{
    public static string NodeId(string type, long id) => NodeId(type, id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The node id of an object known by a key other than a database id (e.g. a ref by its repository and name).</summary>
    public static string NodeId(string type, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type.Length:00}:{type}{key}"));

    /// <summary>The type and database id a node id names; false for anything that is not one.</summary>
    public static bool TryParse(string nodeId, out string type, out long id)
    {
        type = "";
        id = 0;
        var bytes = new byte[nodeId.Length];
        if (!Convert.TryFromBase64String(nodeId, bytes, out var length))
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(bytes, 0, length);
        if (text.Length < 4 || text[2] != ':' || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var typeLength)
            || text.Length <= 3 + typeLength)
        {
            return false;
        }
        type = text.Substring(3, typeLength);
        return long.TryParse(text.AsSpan(3 + typeLength), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && NodeId(type, id) == nodeId;
    }
}
