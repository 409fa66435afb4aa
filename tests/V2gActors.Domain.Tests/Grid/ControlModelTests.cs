using V2gActors.Domain.Allocation;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;

namespace V2gActors.Domain.Tests.Grid;

public class ControlModelTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_includes_its_start_and_excludes_its_end()
    {
        var window = new ControlWindow(Start, TimeSpan.FromMinutes(15), Priority: 1);
        Assert.True(window.IsActiveAt(Start));
        Assert.True(window.IsActiveAt(Start + TimeSpan.FromMinutes(14)));
        Assert.False(window.IsActiveAt(window.End));
        Assert.False(window.IsActiveAt(Start - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void The_tighter_of_max_export_and_export_limit_applies()
    {
        Assert.Equal(new Watts(3_000), new PowerLimits(null, new Watts(8_000), new Watts(3_000)).EffectiveMaxExport);
        Assert.Equal(new Watts(8_000), new PowerLimits(null, new Watts(8_000), null).EffectiveMaxExport);
        Assert.Null(PowerLimits.None.EffectiveMaxExport);
    }

    [Fact]
    public void Grid_limits_can_tighten_the_site_but_never_loosen_it()
    {
        var site = LimitTree.SingleSite(new Watts(50_000), new Watts(20_000));
        var tightened = site.WithGridLimits(new PowerLimits(new Watts(30_000), new Watts(90_000), null));
        Assert.Equal(new Watts(30_000), tightened[0].MaxImport);
        Assert.Equal(new Watts(20_000), tightened[0].MaxExport);
    }

    [Fact]
    public void A_limit_tree_lists_parents_before_children()
    {
        Assert.Throws<ArgumentException>(() => new LimitTree([
            new LimitNode("site", -1, new Watts(1), new Watts(1)),
            new LimitNode("loop", 1, new Watts(1), new Watts(1))]));
        Assert.Throws<ArgumentException>(() => new LimitTree([new LimitNode("site", -1, new Watts(-1), new Watts(1))]));
    }

    [Fact]
    public void Controls_carry_their_window_and_payload()
    {
        GridControl control = new FleetTargetControl("c-1", new ControlWindow(Start, TimeSpan.FromHours(1), 0), new Watts(-50_000));
        var target = Assert.IsType<FleetTargetControl>(control);
        Assert.Equal(-50_000, target.Target.Value);
        Assert.Equal(0, control.Window.Priority);
    }
}

public class ControlWindowSaturationTests
{
    [Fact]
    public void A_default_window_is_active_at_any_instant_without_overflowing()
    {
        var window = V2gActors.Domain.Grid.ControlWindow.Default(priority: 100);
        Assert.Equal(DateTimeOffset.MaxValue, window.End);
        Assert.True(window.IsActiveAt(DateTimeOffset.UtcNow));
        Assert.True(window.IsActiveAt(new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
