using System.Xml;

namespace V2gActors.Ieee2030_5.Xml;

/// <summary>
/// Passes everything through to the inner writer and adds schemaVer to the document element only.
/// 2030.5 (2.2) requires schemaVer on the top-level element; putting it on the generated classes would let it
/// leak onto nested elements, so it is stamped at the one place that knows which element is the root.
/// </summary>
internal sealed class SchemaVersionStampingWriter(XmlWriter inner, string schemaVersion) : XmlWriter
{
    private int _depth;
    private bool _stampPending;

    public override WriteState WriteState => inner.WriteState;
    public override XmlWriterSettings? Settings => inner.Settings;

    public override void WriteStartElement(string? prefix, string localName, string? ns)
    {
        StampIfPending();
        inner.WriteStartElement(prefix, localName, ns);
        _stampPending = _depth == 0;
        _depth++;
    }

    public override void WriteStartAttribute(string? prefix, string localName, string? ns)
    {
        if (_stampPending && localName == "schemaVer" && string.IsNullOrEmpty(ns)) _stampPending = false;
        inner.WriteStartAttribute(prefix, localName, ns);
    }

    public override void WriteEndElement() { StampIfPending(); _depth--; inner.WriteEndElement(); }
    public override void WriteFullEndElement() { StampIfPending(); _depth--; inner.WriteFullEndElement(); }
    public override void WriteString(string? text) { StampIfPending(); inner.WriteString(text); }
    public override void WriteChars(char[] buffer, int index, int count) { StampIfPending(); inner.WriteChars(buffer, index, count); }
    public override void WriteRaw(char[] buffer, int index, int count) { StampIfPending(); inner.WriteRaw(buffer, index, count); }
    public override void WriteRaw(string data) { StampIfPending(); inner.WriteRaw(data); }
    public override void WriteBase64(byte[] buffer, int index, int count) { StampIfPending(); inner.WriteBase64(buffer, index, count); }
    public override void WriteCData(string? text) { StampIfPending(); inner.WriteCData(text); }
    public override void WriteCharEntity(char ch) { StampIfPending(); inner.WriteCharEntity(ch); }
    public override void WriteEntityRef(string name) { StampIfPending(); inner.WriteEntityRef(name); }
    public override void WriteWhitespace(string? ws) { StampIfPending(); inner.WriteWhitespace(ws); }
    public override void WriteSurrogateCharEntity(char lowChar, char highChar) { StampIfPending(); inner.WriteSurrogateCharEntity(lowChar, highChar); }
    public override void WriteComment(string? text) { StampIfPending(); inner.WriteComment(text); }
    public override void WriteProcessingInstruction(string name, string? text) { StampIfPending(); inner.WriteProcessingInstruction(name, text); }

    public override void WriteEndAttribute() => inner.WriteEndAttribute();
    public override void WriteStartDocument() => inner.WriteStartDocument();
    public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);
    public override void WriteEndDocument() => inner.WriteEndDocument();
    public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) =>
        throw new InvalidOperationException("2030.5 documents never carry a DTD");
    public override void Flush() => inner.Flush();
    public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    // The root's attributes are all written before its first child or text, so that is the last safe moment.
    private void StampIfPending()
    {
        if (!_stampPending || inner.WriteState != WriteState.Element) return;
        _stampPending = false;
        inner.WriteAttributeString("schemaVer", schemaVersion);
    }
}
