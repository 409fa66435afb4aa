namespace V2gActors.Domain.Events;

/// <summary>The event Response status codes of 2030.5 ("Response types by function set"), values as on the wire.</summary>
public enum ResponseStatus : byte
{
    EventReceived = 1,
    EventStarted = 2,
    EventCompleted = 3,
    EventOptOut = 4,
    EventOptIn = 5,
    EventCancelled = 6,
    EventSuperseded = 7,
    EventPartialOptOut = 8,
    EventPartialOptIn = 9,
    EventCompletedNoUserParticipation = 10,
    EventAcknowledge = 11,
    EventNoDisplay = 12,
    EventAbortedByServer = 13,
    EventAbortedByProgram = 14,
    EventNotApplicable = 252,
    EventInvalid = 253,
    EventExpired = 254,
}

/// <summary>What the server says about its own event (EventStatus.currentStatus).</summary>
public enum ServerEventStatus : byte
{
    Scheduled = 0,
    Active = 1,
    Cancelled = 2,
    CancelledWithRandomization = 3,
    Superseded = 4,
}
