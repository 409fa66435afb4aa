using V2gActors.Tools.ExiGen.Grammar;
using V2gActors.Tools.ExiGen.Model;
using V2gActors.Tools.ExiGen.Schema;

namespace V2gActors.Iso15118.Tests.Generator;

/// <summary>
/// Grammar construction on small hand-written schemas, where the expected EXI productions can be worked out
/// by hand from EXI 1.0 §8.5.4 (the vectors cover only what the V2G messages happen to use).
/// </summary>
public sealed class GrammarConstructionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("exigen").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SchemaSetModel Build(string body)
    {
        var path = Path.Combine(_dir, "t.xsd");
        File.WriteAllText(path, $"""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">
            {body}
            </xs:schema>
            """);
        return SchemaSetModelBuilder.Build("T", SchemaSetLoader.Load(path), "urn:t");
    }

    private static string Render(ComplexTypeModel type) => string.Join(" | ", type.Grammar.States.Select(s =>
        string.Join(" ", s.Select(p => p.Terminal.Kind switch
        {
            TerminalKind.EndElement => "EE",
            TerminalKind.Attribute => $"AT({type.Children[p.Terminal.Child].Name.Name})>{p.Next}",
            TerminalKind.Element => $"SE({type.Children[p.Terminal.Child].Name.Name})>{p.Next}",
            TerminalKind.Wildcard => $"SE(*)>{p.Next}",
            _ => $"CH>{p.Next}",
        }))));

    private static ComplexTypeModel Type(SchemaSetModel set, string name) => set.ComplexTypes.Single(t => t.CSharpName == name);

    [Fact]
    public void Optional_and_bounded_repetition_unroll_like_exi_particle_grammars()
    {
        var set = Build("""
            <xs:complexType name="T"><xs:sequence>
              <xs:element name="A" type="xs:int"/>
              <xs:element name="B" type="xs:int" minOccurs="0"/>
              <xs:element name="C" type="xs:int" minOccurs="1" maxOccurs="2"/>
            </xs:sequence></xs:complexType>
            <xs:element name="R" type="T"/>
            """);
        Assert.Equal("SE(A)>1 | SE(B)>2 SE(C)>3 | SE(C)>3 | SE(C)>4 EE | EE", Render(Type(set, "T")));
    }

    [Fact]
    public void Choices_offer_every_branch_in_schema_order()
    {
        var set = Build("""
            <xs:complexType name="T"><xs:sequence>
              <xs:choice><xs:element name="Z" type="xs:int"/><xs:element name="Y" type="xs:int"/></xs:choice>
              <xs:element name="X" type="xs:int" minOccurs="0"/>
            </xs:sequence></xs:complexType>
            <xs:element name="R" type="T"/>
            """);
        // Each branch keeps its own successor, as EXI's per-branch particle grammars do; both offer the same.
        Assert.Equal("SE(Z)>1 SE(Y)>2 | SE(X)>3 EE | SE(X)>3 EE | EE", Render(Type(set, "T")));
    }

    [Fact]
    public void Attributes_come_first_sorted_by_local_name()
    {
        var set = Build("""
            <xs:complexType name="T">
              <xs:sequence><xs:element name="A" type="xs:int"/></xs:sequence>
              <xs:attribute name="b" type="xs:int" use="required"/>
              <xs:attribute name="a" type="xs:int"/>
            </xs:complexType>
            <xs:element name="R" type="T"/>
            """);
        Assert.Equal("AT(a)>1 AT(b)>2 | AT(b)>2 | SE(A)>3 | EE", Render(Type(set, "T")));
    }

    [Fact]
    public void Substitution_groups_expand_to_sorted_concrete_members()
    {
        var set = Build("""
            <xs:complexType name="Base" abstract="true"/>
            <xs:complexType name="D"><xs:complexContent><xs:extension base="Base"/></xs:complexContent></xs:complexType>
            <xs:element name="Head" type="Base" abstract="true"/>
            <xs:element name="Zeta" type="D" substitutionGroup="Head"/>
            <xs:element name="Alpha" type="D" substitutionGroup="Head"/>
            <xs:element name="Mid" type="D" substitutionGroup="Zeta"/>
            <xs:complexType name="T"><xs:sequence><xs:element ref="Head"/></xs:sequence></xs:complexType>
            <xs:element name="R" type="T"/>
            """);
        Assert.Equal("SE(Alpha)>1 SE(Mid)>1 SE(Zeta)>1 | EE", Render(Type(set, "T")));
    }

    [Fact]
    public void Global_elements_are_sorted_by_local_name_then_uri()
    {
        var set = Build("""
            <xs:element name="b" type="xs:int"/>
            <xs:element name="B" type="xs:int"/>
            <xs:element name="a" type="xs:int"/>
            """);
        Assert.Equal(["B", "a", "b"], set.GlobalElements.Select(g => g.Name.Name));
    }

    [Fact]
    public void Mixed_content_accepts_characters_in_every_content_state()
    {
        var set = Build("""
            <xs:complexType name="T" mixed="true"><xs:sequence><xs:element name="A" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType>
            <xs:element name="R" type="T"/>
            """);
        // State 2 is the content start reached again after CH; it equals state 0 (EXI does not minimise either).
        Assert.Equal("SE(A)>1 EE CH>2 | EE CH>1 | SE(A)>1 EE CH>2", Render(Type(set, "T")));
    }

    [Theory]
    [InlineData("xs:unsignedByte", "BoundedInteger", 8)]
    [InlineData("xs:byte", "BoundedInteger", 8)]
    [InlineData("xs:short", "SignedInteger", 0)]
    [InlineData("xs:unsignedShort", "UnsignedInteger", 0)]
    [InlineData("xs:unsignedLong", "UnsignedInteger", 0)]
    [InlineData("xs:boolean", "Boolean", 0)]
    [InlineData("xs:hexBinary", "Binary", 0)]
    [InlineData("xs:anyURI", "String", 0)]
    public void Simple_types_map_to_their_exi_representation(string xsdType, string representation, int bits)
    {
        var set = Build($"""<xs:element name="R" type="{xsdType}"/>""");
        var simple = set.GlobalElements.Single().Simple!;
        Assert.Equal(representation, simple.Representation.ToString());
        Assert.Equal(bits, simple.Bits);
    }

    [Fact]
    public void Facets_narrow_integers_into_n_bit_ranges()
    {
        var set = Build("""
            <xs:simpleType name="P"><xs:restriction base="xs:unsignedByte"><xs:minInclusive value="1"/><xs:maxInclusive value="20"/></xs:restriction></xs:simpleType>
            <xs:element name="R" type="P"/>
            """);
        var simple = set.GlobalElements.Single().Simple!;
        Assert.Equal((1m, 20m, 5), (simple.Min, simple.Max, simple.Bits));
    }
}
