using V2gActors.Domain.Units;

namespace V2gActors.Domain.Allocation;

/// <summary>
/// Where the battery is and the band the driver allows us to use: never discharge at or below
/// <see cref="Reserve"/>, never charge at or above <see cref="Target"/>.
/// </summary>
public readonly record struct BatteryWindow(StateOfCharge Soc, StateOfCharge Reserve, StateOfCharge Target)
{
    public bool MayCharge => Soc < Target;
    public bool MayDischarge => Soc > Reserve;
}
