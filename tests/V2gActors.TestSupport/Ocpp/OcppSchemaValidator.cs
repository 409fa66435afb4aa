using System.Collections.Concurrent;
using NJsonSchema;
using NJsonSchema.Validation;
using V2gActors.Ocpp;

namespace V2gActors.TestSupport.Ocpp;

/// <summary>
/// Checks JSON against the official OCA schema with NJsonSchema, an implementation independent of our
/// generated validators. Use it to assert that every frame a component emits is schema-valid:
/// <c>Assert.Empty(OcppSchemaValidator.Validate(OcppVersion.V21, "BootNotification", OcppPayloadKind.Request, json))</c>.
/// </summary>
public static class OcppSchemaValidator
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Cache = new(StringComparer.Ordinal);

    /// <summary>Every violation NJsonSchema finds, as "path: kind"; empty when the JSON is valid.</summary>
    public static IReadOnlyList<string> Validate(OcppVersion version, string action, OcppPayloadKind kind, string json)
    {
        var schema = Schema(version, action, kind);
        return Flatten(schema.Validate(json)).ToList();
    }

    public static JsonSchema Schema(OcppVersion version, string action, OcppPayloadKind kind) =>
        Cache.GetOrAdd(OcppSchemaFiles.PathOf(version, action, kind),
            static path => JsonSchema.FromFileAsync(path).GetAwaiter().GetResult());

    private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            yield return $"{error.Path}: {error.Kind}";
            if (error is ChildSchemaValidationError child)
                foreach (var nested in child.Errors.SelectMany(e => Flatten(e.Value)))
                    yield return nested;
        }
    }
}
