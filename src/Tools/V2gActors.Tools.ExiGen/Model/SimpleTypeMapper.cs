using System.Globalization;
using System.Xml;
using System.Xml.Schema;

namespace V2gActors.Tools.ExiGen.Model;

/// <summary>
/// Maps an XSD simple type to its EXI representation. Facets are collected along the restriction chain
/// (nearest wins), then: enumeration → n-bit index; integer with range ≤ 4096 → n-bit; integer with
/// minimum ≥ 0 → unsigned; other integers → signed; hex/base64 → binary; everything textual → string.
/// </summary>
public sealed class SimpleTypeMapper(Naming naming)
{
    private const int DefaultMaxLength = 1 << 16;

    public SimpleTypeModel Map(XmlSchemaSimpleType type, string fallbackName)
    {
        var facets = CollectFacets(type);
        var code = type.Datatype?.TypeCode ?? XmlTypeCode.String;
        if (facets.Enumeration.Count > 0)
        {
            var enumName = naming.TypeName(type.QualifiedName.IsEmpty ? fallbackName : type.QualifiedName.Name, type);
            return new SimpleTypeModel(ExiRepresentation.Enumeration, enumName, 0, facets.Enumeration.Count - 1,
                0, facets.Enumeration, enumName);
        }
        if (code == XmlTypeCode.Boolean) return Plain(ExiRepresentation.Boolean, "bool");
        if (code is XmlTypeCode.HexBinary or XmlTypeCode.Base64Binary)
            return Plain(ExiRepresentation.Binary, "byte[]") with { MaxLength = facets.MaxLength ?? DefaultMaxLength };
        if (IntegerRange(code) is { } builtin)
        {
            var min = facets.Min ?? builtin.Min;
            var max = facets.Max ?? builtin.Max;
            var representation = max - min < 4096 ? ExiRepresentation.BoundedInteger
                : min >= 0 ? ExiRepresentation.UnsignedInteger : ExiRepresentation.SignedInteger;
            return new SimpleTypeModel(representation, builtin.CSharp, min, max, 0, [], null);
        }
        if (type.Datatype?.Variety != XmlSchemaDatatypeVariety.Atomic)
            throw new NotSupportedException($"simple type {type.QualifiedName}: list/union types are not supported");
        if (code is XmlTypeCode.Float or XmlTypeCode.Double or XmlTypeCode.Decimal or XmlTypeCode.DateTime)
            throw new NotSupportedException($"simple type {type.QualifiedName}: {code} is not needed by ISO 15118-20 and not implemented");
        return Plain(ExiRepresentation.String, "string") with { MaxLength = facets.MaxLength ?? DefaultMaxLength };
    }

    private static SimpleTypeModel Plain(ExiRepresentation r, string cs) => new(r, cs, 0, 0, 0, [], null);

    private static (decimal Min, decimal Max, string CSharp)? IntegerRange(XmlTypeCode code) => code switch
    {
        XmlTypeCode.Byte => (sbyte.MinValue, sbyte.MaxValue, "sbyte"),
        XmlTypeCode.UnsignedByte => (byte.MinValue, byte.MaxValue, "byte"),
        XmlTypeCode.Short => (short.MinValue, short.MaxValue, "short"),
        XmlTypeCode.UnsignedShort => (ushort.MinValue, ushort.MaxValue, "ushort"),
        XmlTypeCode.Int => (int.MinValue, int.MaxValue, "int"),
        XmlTypeCode.UnsignedInt => (uint.MinValue, uint.MaxValue, "uint"),
        XmlTypeCode.Long or XmlTypeCode.Integer => (long.MinValue, long.MaxValue, "long"),
        XmlTypeCode.NonPositiveInteger => (long.MinValue, 0, "long"),
        XmlTypeCode.NegativeInteger => (long.MinValue, -1, "long"),
        XmlTypeCode.UnsignedLong or XmlTypeCode.NonNegativeInteger => (ulong.MinValue, ulong.MaxValue, "ulong"),
        XmlTypeCode.PositiveInteger => (1, ulong.MaxValue, "ulong"),
        _ => null,
    };

    private sealed class Facets
    {
        public decimal? Min, Max;
        public int? MaxLength;
        public List<string> Enumeration = [];
    }

    private static Facets CollectFacets(XmlSchemaSimpleType type)
    {
        var result = new Facets();
        for (XmlSchemaType? t = type; t is XmlSchemaSimpleType simple; t = t.BaseXmlSchemaType)
        {
            if (simple.Content is not XmlSchemaSimpleTypeRestriction restriction) continue;
            var enumeration = new List<string>();
            foreach (var facet in restriction.Facets.OfType<XmlSchemaFacet>())
            {
                switch (facet)
                {
                    case XmlSchemaEnumerationFacet e: enumeration.Add(e.Value!); break;
                    case XmlSchemaMaxLengthFacet f: result.MaxLength ??= int.Parse(f.Value!, CultureInfo.InvariantCulture); break;
                    case XmlSchemaLengthFacet f: result.MaxLength ??= int.Parse(f.Value!, CultureInfo.InvariantCulture); break;
                    case XmlSchemaMinInclusiveFacet f: result.Min ??= Dec(f.Value); break;
                    case XmlSchemaMinExclusiveFacet f: result.Min ??= Dec(f.Value) + 1; break;
                    case XmlSchemaMaxInclusiveFacet f: result.Max ??= Dec(f.Value); break;
                    case XmlSchemaMaxExclusiveFacet f: result.Max ??= Dec(f.Value) - 1; break;
                }
            }
            // Enumerations of a derived type replace (never extend) those of its base.
            if (result.Enumeration.Count == 0 && enumeration.Count > 0) result.Enumeration = enumeration;
        }
        return result;
    }

    private static decimal Dec(string? value) => decimal.Parse(value!, CultureInfo.InvariantCulture);
}
