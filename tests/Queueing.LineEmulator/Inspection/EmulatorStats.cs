namespace Queueing.LineEmulator.Inspection;

/// <summary>Body of <c>GET /emulator/stats</c>.</summary>
public sealed record StatsSnapshot(
    long Accepted,
    long DuplicatesRejected,
    long FaultsInjected,
    long Unauthorized,
    long InvalidRequests);

/// <summary>Lock-free counters of what the push endpoint answered.</summary>
public sealed class EmulatorStats
{
    private long _accepted;
    private long _duplicatesRejected;
    private long _faultsInjected;
    private long _unauthorized;
    private long _invalidRequests;

    public void RecordAccepted() => Interlocked.Increment(ref _accepted);

    public void RecordDuplicate() => Interlocked.Increment(ref _duplicatesRejected);

    public void RecordFault() => Interlocked.Increment(ref _faultsInjected);

    public void RecordUnauthorized() => Interlocked.Increment(ref _unauthorized);

    public void RecordInvalid() => Interlocked.Increment(ref _invalidRequests);

    public StatsSnapshot Snapshot() => new(
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _duplicatesRejected),
        Interlocked.Read(ref _faultsInjected),
        Interlocked.Read(ref _unauthorized),
        Interlocked.Read(ref _invalidRequests));

    public void Reset()
    {
        Interlocked.Exchange(ref _accepted, 0);
        Interlocked.Exchange(ref _duplicatesRejected, 0);
        Interlocked.Exchange(ref _faultsInjected, 0);
        Interlocked.Exchange(ref _unauthorized, 0);
        Interlocked.Exchange(ref _invalidRequests, 0);
    }
}
