namespace Queueing.LineEmulator.Faults;

/// <summary>An armed fault: <paramref name="Remaining"/> more push requests will fail with <paramref name="Mode"/>.</summary>
public sealed record FaultPlan(FaultMode Mode, int Remaining, TimeSpan Delay)
{
    public static readonly FaultPlan Nothing = new(FaultMode.None, 0, TimeSpan.Zero);
}

/// <summary>Holds at most one armed fault and hands it out to the next N push requests, thread-safely.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultPlan _plan = FaultPlan.Nothing;

    public FaultPlan Current
    {
        get
        {
            lock (_gate)
            {
                return _plan;
            }
        }
    }

    /// <summary>Replaces whatever was armed before.</summary>
    public void Arm(FaultPlan plan)
    {
        lock (_gate)
        {
            _plan = plan.Mode == FaultMode.None || plan.Remaining <= 0 ? FaultPlan.Nothing : plan;
        }
    }

    public void Clear() => Arm(FaultPlan.Nothing);

    /// <summary>Takes one fault for the current request, or returns null when none is armed.</summary>
    public FaultPlan? TryConsume()
    {
        lock (_gate)
        {
            if (_plan.Remaining <= 0)
            {
                return null;
            }

            var taken = _plan;
            _plan = taken.Remaining == 1 ? FaultPlan.Nothing : taken with { Remaining = taken.Remaining - 1 };
            return taken;
        }
    }
}
