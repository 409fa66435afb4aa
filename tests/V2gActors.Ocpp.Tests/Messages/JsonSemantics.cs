using System.Globalization;
using System.Text.Json.Nodes;

namespace V2gActors.Ocpp.Tests.Messages;

/// <summary>
/// Equality of JSON documents by meaning: property order ignored, numbers compared as values (42 == 42.0),
/// date-time strings compared as instants (the encoder normalises to UTC 'Z').
/// </summary>
public static class JsonSemantics
{
    public static bool AreEqual(JsonNode? a, JsonNode? b, out string difference, string path = "$")
    {
        difference = "";
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                foreach (var name in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                {
                    if (!x.ContainsKey(name) || !y.ContainsKey(name)) { difference = $"{path}.{name} present on one side only"; return false; }
                    if (!AreEqual(x[name], y[name], out difference, $"{path}.{name}")) return false;
                }
                return true;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count) { difference = $"{path}: {x.Count} vs {y.Count} items"; return false; }
                for (var i = 0; i < x.Count; i++)
                    if (!AreEqual(x[i], y[i], out difference, $"{path}[{i}]")) return false;
                return true;
            case (JsonValue x, JsonValue y):
                if (SameScalar(x, y)) return true;
                difference = $"{path}: {x.ToJsonString()} vs {y.ToJsonString()}";
                return false;
            default:
                difference = $"{path}: {a?.ToJsonString()} vs {b?.ToJsonString()}";
                return false;
        }
    }

    private static bool SameScalar(JsonValue x, JsonValue y)
    {
        var (kx, ky) = (x.GetValueKind(), y.GetValueKind());
        if (kx != ky) return false;
        if (kx == System.Text.Json.JsonValueKind.Number)
            return decimal.Parse(x.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                   == decimal.Parse(y.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (kx == System.Text.Json.JsonValueKind.String)
        {
            var (sx, sy) = (x.GetValue<string>(), y.GetValue<string>());
            return sx == sy || (LooksLikeDateTime(sx) && LooksLikeDateTime(sy) &&
                                DateTimeOffset.Parse(sx, CultureInfo.InvariantCulture) == DateTimeOffset.Parse(sy, CultureInfo.InvariantCulture));
        }
        return x.ToJsonString() == y.ToJsonString();
    }

    private static bool LooksLikeDateTime(string s) =>
        s.Length >= 20 && s[4] == '-' && s[10] == 'T' && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
