using System.Text;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Tests.Xml;

public class RoundTripTests
{
    public static TheoryData<string> ResourceNames() => new(SepSamples.All.Keys);

    [Theory]
    [MemberData(nameof(ResourceNames))]
    public void Every_emitted_document_validates_against_sep_xsd(string name)
    {
        var sample = SepSamples.All[name];
        var bytes = SepXml.Serialize(sample, sample.GetType());

        Assert.Empty(SepSchema.Validate(bytes));
    }

    [Theory]
    [MemberData(nameof(ResourceNames))]
    public void Every_resource_round_trips_to_identical_bytes(string name)
    {
        var sample = SepSamples.All[name];
        var first = SepXml.Serialize(sample, sample.GetType());

        var read = SepXml.Deserialize(sample.GetType(), first);
        var second = SepXml.Serialize(read, sample.GetType());

        Assert.IsType(sample.GetType(), read);
        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
    }

    [Fact]
    public void Root_carries_namespace_and_schema_version_but_nested_elements_do_not()
    {
        var xml = SepXml.SerializeToString(SepSamples.DERControlList());

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><DERControlList", xml);
        Assert.Contains("xmlns=\"urn:ieee:std:2030.5:ns\"", xml);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(xml, "schemaVer=\"2.2\""));
    }

    [Fact]
    public void Values_survive_the_round_trip()
    {
        var bytes = SepXml.Serialize(SepSamples.DERControl());
        var control = SepXml.Deserialize<DERControl>(bytes);

        Assert.Equal(SepSamples.ControlMrid, control.MRID);
        Assert.Equal(SepSamples.Now + 600, control.Interval.Start);
        Assert.Equal((short)120, control.RandomizeStart);
        Assert.Equal((short)-5_000, control.DERControlBase.OpModFixedW);
        Assert.Equal((short)-3_600, control.DERControlBase.OpModTargetW!.Value);
        Assert.Equal("/derp/1/dc/12", control.DERControlBase.OpModVoltVar!.Href);
        Assert.Null(control.DERControlBase.OpModFixedV);
    }

    [Fact]
    public void Optional_values_absent_on_the_wire_read_back_as_null()
    {
        var read = SepXml.Deserialize<DeviceCapability>(
            "<DeviceCapability xmlns=\"urn:ieee:std:2030.5:ns\" href=\"/dcap\"><TimeLink href=\"/tm\"/></DeviceCapability>"u8);

        Assert.Null(read.PollRate);
        Assert.Equal("/tm", read.TimeLink!.Href);
    }

    [Fact]
    public void Notification_carries_its_resource_by_xsi_type()
    {
        var xml = SepXml.SerializeToString(SepSamples.Notification());
        var read = SepXml.Deserialize<Notification>(Encoding.UTF8.GetBytes(xml));

        Assert.Contains("type=\"DERControlList\"", xml);
        var list = Assert.IsType<DERControlList>(read.Resource);
        Assert.Equal(SepSamples.ControlMrid, Assert.Single(list.DERControl).MRID);
    }
}
