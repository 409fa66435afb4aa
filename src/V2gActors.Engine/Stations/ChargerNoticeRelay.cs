using Akka.Actor;
using V2gActors.Engine.Chargers;

namespace V2gActors.Engine.Stations;

/// <summary>
/// One per node: charger entities publish their notices on the local EventStream of the node they run on; this relays
/// the ones dispatch needs (metered power, transaction ends) to the station-dispatch region as sharded messages, so the
/// fleet aggregates and sessions end wherever those entities live. Every notice is published on exactly one node, so
/// each is relayed once.
/// </summary>
public sealed class ChargerNoticeRelay : ReceiveActor
{
    public ChargerNoticeRelay(IActorRef stations, TimeProvider clock)
    {
        Receive<MeterValuesNotice>(m =>
        {
            if (m.PowerW is { } power) stations.Tell(new StationMeterReading(m.StationId, m.EvseId, power, clock.GetUtcNow()));
        });
        Receive<TransactionEndedNotice>(t =>
            stations.Tell(new StationTransactionEnded(t.StationId, t.TransactionId, t.StoppedReason, clock.GetUtcNow())));
    }

    public static Props Props(IActorRef stations, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new ChargerNoticeRelay(stations, clock ?? TimeProvider.System));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(MeterValuesNotice));
        Context.System.EventStream.Subscribe(Self, typeof(TransactionEndedNotice));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
