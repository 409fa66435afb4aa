using Microsoft.AspNetCore.Http;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Server.Http;

/// <summary>Reading request bodies and query parameters the 2030.5 way; every refusal is a SepRequestException or SepXmlException.</summary>
public static class SepRequest
{
    public static async Task<T> ReadAsync<T>(HttpRequest request) where T : class =>
        SepXml.Deserialize<T>(await ReadBytesAsync(request));

    /// <summary>The body, once its media type and size have been checked.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, SepNamespace.MediaType, StringComparison.OrdinalIgnoreCase))
            throw new SepRequestException(StatusCodes.Status415UnsupportedMediaType, ErrorReason.InvalidRequestFormat,
                $"Content-Type must be {SepNamespace.MediaType}");
        if (request.ContentLength > SepXml.DefaultMaxBytes)
            throw new SepXmlException(SepXmlFailure.TooLarge, $"body exceeds the {SepXml.DefaultMaxBytes} byte limit");
        return await SepXml.ReadBoundedAsync(request.Body, SepXml.DefaultMaxBytes, request.HttpContext.RequestAborted);
    }

    /// <summary>The s (start) and l (limit) list query parameters; 2030.5 defaults l to 1 when absent.</summary>
    public static (int Start, int Limit) Paging(HttpRequest request)
    {
        return (Parse("s", 0), Parse("l", 1));

        int Parse(string name, int fallback)
        {
            var raw = request.Query[name];
            if (raw.Count == 0) return fallback;
            if (raw.Count == 1 && uint.TryParse(raw[0], out var value) && value <= int.MaxValue) return (int)value;
            throw new SepRequestException(StatusCodes.Status400BadRequest, ErrorReason.InvalidRequestValues,
                $"query parameter {name} must be an unsigned integer");
        }
    }

    /// <summary>Cuts one page out of an ordered collection.</summary>
    public static (IReadOnlyList<T> Page, uint All) Page<T>(HttpRequest request, IReadOnlyList<T> ordered)
    {
        var (start, limit) = Paging(request);
        return (ordered.Skip(start).Take(limit).ToList(), (uint)ordered.Count);
    }
}
