using Akka.Actor;
using V2gActors.Engine.Chargers;

namespace V2gActors.Node.Hosting;

/// <summary>What this node's charger entities have reported, for the console summary and the demo. Thread-safe.</summary>
public sealed class NodeActivity
{
    private long _connected, _boots, _transactionsStarted, _transactionsEnded, _meterValues, _deviceModels;

    public long Connected => Interlocked.Read(ref _connected);
    public long Boots => Interlocked.Read(ref _boots);
    public long TransactionsStarted => Interlocked.Read(ref _transactionsStarted);
    public long TransactionsEnded => Interlocked.Read(ref _transactionsEnded);
    public long MeterValues => Interlocked.Read(ref _meterValues);
    public long DeviceModelReports => Interlocked.Read(ref _deviceModels);

    internal void Apply(ChargerNotice notice)
    {
        switch (notice)
        {
            case ChargerConnectivityNotice c: Interlocked.Add(ref _connected, c.Connected ? 1 : -1); break;
            case ChargerBootNotice: Interlocked.Increment(ref _boots); break;
            case TransactionStartedNotice: Interlocked.Increment(ref _transactionsStarted); break;
            case TransactionEndedNotice: Interlocked.Increment(ref _transactionsEnded); break;
            case MeterValuesNotice: Interlocked.Increment(ref _meterValues); break;
            case DeviceModelNotice: Interlocked.Increment(ref _deviceModels); break;
        }
    }

    public override string ToString() =>
        $"online={Connected} boots={Boots} tx-started={TransactionsStarted} tx-ended={TransactionsEnded} " +
        $"meter-values={MeterValues} device-models={DeviceModelReports}";
}

/// <summary>Listens to the charger notices on this node's EventStream and counts them into <see cref="NodeActivity"/>.</summary>
public sealed class ActivityCounter : ReceiveActor
{
    public ActivityCounter(NodeActivity activity)
    {
        Receive<ChargerNotice>(activity.Apply);
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(ChargerNotice));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    public static Props Props(NodeActivity activity) => Akka.Actor.Props.Create(() => new ActivityCounter(activity));
}
