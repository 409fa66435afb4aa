using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Serialization;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Xml;

/// <summary>
/// The application/sep+xml codec. Reading is hardened for bodies from untrusted peers: DTDs are refused
/// outright (no entity expansion, no XXE), nothing is ever resolved, and the body is size-capped before parsing.
/// Every refusal is a <see cref="SepXmlException"/>.
/// </summary>
public static class SepXml
{
    /// <summary>Generous for any single 2030.5 resource or page of a list, small enough to bound memory per request.</summary>
    public const int DefaultMaxBytes = 256 * 1024;

    private static readonly ConcurrentDictionary<Type, XmlSerializer> Serializers = new();
    private static readonly XmlSerializerNamespaces DefaultNamespace = CreateNamespaces();

    public static byte[] Serialize<T>(T resource) where T : class => Serialize(resource, typeof(T));

    public static byte[] Serialize(object resource, Type type)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = false };
        using (var xml = new SchemaVersionStampingWriter(XmlWriter.Create(buffer, settings), SepNamespace.SchemaVersion))
        {
            SerializerFor(type).Serialize(xml, resource, DefaultNamespace);
        }
        return buffer.ToArray();
    }

    public static string SerializeToString<T>(T resource) where T : class =>
        System.Text.Encoding.UTF8.GetString(Serialize(resource));

    public static T Deserialize<T>(ReadOnlySpan<byte> body, int maxBytes = DefaultMaxBytes) where T : class =>
        (T)Deserialize(typeof(T), body, maxBytes);

    public static object Deserialize(Type type, ReadOnlySpan<byte> body, int maxBytes = DefaultMaxBytes)
    {
        if (body.Length > maxBytes)
            throw new SepXmlException(SepXmlFailure.TooLarge, $"body of {body.Length} bytes exceeds the {maxBytes} byte limit");
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        return DeserializeBounded(type, stream, maxBytes);
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> from the stream; a longer body is refused without reading it all.</summary>
    public static async Task<T> DeserializeAsync<T>(Stream body, int maxBytes = DefaultMaxBytes, CancellationToken ct = default)
        where T : class =>
        Deserialize<T>(await ReadBoundedAsync(body, maxBytes, ct).ConfigureAwait(false), maxBytes);

    /// <summary>Reads a whole body but gives up as soon as it exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadBoundedAsync(Stream body, int maxBytes = DefaultMaxBytes, CancellationToken ct = default)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new SepXmlException(SepXmlFailure.TooLarge, $"body exceeds the {maxBytes} byte limit");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The local name of the document element, read with the same hardened settings (for bodies that may be one of several types).</summary>
    public static string RootElementName(ReadOnlySpan<byte> body)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body.ToArray(), writable: false), ReaderSettings(body.Length));
            reader.MoveToContent();
            if (reader.NamespaceURI != SepNamespace.Uri)
                throw new SepXmlException(SepXmlFailure.UnexpectedRoot, $"root element is not in {SepNamespace.Uri}");
            return reader.LocalName;
        }
        catch (XmlException e) { throw Classify(e); }
    }

    private static object DeserializeBounded(Type type, Stream stream, int maxBytes)
    {
        var settings = ReaderSettings(maxBytes);
        var serializer = SerializerFor(type);
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            if (!serializer.CanDeserialize(reader))
            {
                reader.MoveToContent();
                throw new SepXmlException(SepXmlFailure.UnexpectedRoot,
                    $"expected <{RootNameOf(type)} xmlns=\"{SepNamespace.Uri}\">, found <{reader.LocalName} xmlns=\"{reader.NamespaceURI}\">");
            }
            return serializer.Deserialize(reader)
                   ?? throw new SepXmlException(SepXmlFailure.Malformed, "empty document");
        }
        catch (SepXmlException) { throw; }
        catch (XmlException e) { throw Classify(e); }
        catch (InvalidOperationException e) when (e.InnerException is XmlException xml) { throw Classify(xml); }
        catch (InvalidOperationException e)
        {
            throw new SepXmlException(SepXmlFailure.Malformed, e.InnerException?.Message ?? e.Message, e);
        }
    }

    private static XmlReaderSettings ReaderSettings(int maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = Math.Max(maxBytes, 1),
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static SepXmlException Classify(XmlException e) =>
        e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
            ? new SepXmlException(SepXmlFailure.ProhibitedDtd, "DTDs are not allowed in 2030.5 documents", e)
            : new SepXmlException(SepXmlFailure.Malformed, e.Message, e);

    private static string RootNameOf(Type type) =>
        type.GetCustomAttributes(typeof(XmlRootAttribute), false) is [XmlRootAttribute root] ? root.ElementName : type.Name;

    private static XmlSerializer SerializerFor(Type type) => Serializers.GetOrAdd(type, Create);

    // A Notification carries any resource by xsi:type, so only its serializers need to know every document type;
    // keeping the others narrow keeps their one-time generation cost small.
    private static XmlSerializer Create(Type type) =>
        type == typeof(Notification) || type == typeof(NotificationList)
            ? new XmlSerializer(type, SepResourceTypes.DocumentTypes.ToArray())
            : new XmlSerializer(type);

    private static XmlSerializerNamespaces CreateNamespaces()
    {
        var ns = new XmlSerializerNamespaces();
        ns.Add("", SepNamespace.Uri);
        return ns;
    }
}
