using V2gActors.Domain.Events;
using V2gActors.Ieee2030_5.Client;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Tests.Xml;

namespace V2gActors.Ieee2030_5.Tests.Client;

public class EffectiveControlTests
{
    [Fact]
    public void Every_mode_of_a_full_control_base_is_recognised()
    {
        var modes = DerModes.Of(SepSamples.FullControlBase());

        Assert.Contains(DerControlMode.MaxExportPower, modes);
        Assert.Contains(DerControlMode.VoltVar, modes);
        Assert.Contains(DerControlMode.HighVoltageRideThrough, modes);
        Assert.Contains(DerControlMode.FrequencyDroop, modes);
        Assert.DoesNotContain(DerControlMode.FixedVoltage, modes);
    }

    [Fact]
    public void Copying_every_recognised_mode_reproduces_the_control_base()
    {
        var source = SepSamples.FullControlBase();
        var copy = new DERControlBase();
        foreach (var mode in DerModes.Of(source)) DerModes.Copy(mode, source, copy);

        Assert.Equal(
            System.Text.Encoding.UTF8.GetString(Ieee2030_5.Xml.SepXml.Serialize(new DefaultDERControl { MRID = new byte[16], DERControlBase = source })),
            System.Text.Encoding.UTF8.GetString(Ieee2030_5.Xml.SepXml.Serialize(new DefaultDERControl { MRID = new byte[16], DERControlBase = copy })));
    }

    [Fact]
    public void Active_event_overrides_the_default_only_for_its_own_modes()
    {
        var program = SepSamples.DERProgram();
        var dderc = SepSamples.DefaultDERControl();
        var control = SepSamples.DERControl();
        control.DERControlBase = new DERControlBase { OpModMaxLimWInject = new UnsignedActivePowerControlType { Value = 1_500 } };
        control.Interval = new DateTimeInterval { Start = SepSamples.Now, Duration = 600 };
        control.RandomizeStart = null;
        control.RandomizeDuration = null;
        var views = new[] { new DerProgramView(program, dderc, [control]) };
        var schedule = new DeviceSchedule("dev", views.Select(v => v.ToDefaults()).ToList(), views.SelectMany(v => v.ToEvents()).ToList());

        var result = EventArbiter.Evaluate(schedule, EventLedger.Empty, SepSamples.Now + 10);
        var effective = EffectiveControl.Compose(result, views);

        Assert.Equal((ushort)1_500, effective.Control.OpModMaxLimWInject!.Value);
        Assert.Equal((ushort)10_000, effective.Control.OpModMaxLimW);
        Assert.True(effective.Control.OpModConnect);
    }
}
