namespace Queueing.LineEmulator.Faults;

/// <summary>
/// An armed fault: <paramref name="Remaining"/> more requests on <paramref name="Channel"/> fail with
/// <paramref name="Mode"/>; only those for recipient <paramref name="To"/> when it is set.
/// </summary>
public sealed record FaultPlan(FaultMode Mode, int Remaining, TimeSpan Delay, FaultChannel Channel = FaultChannel.Line, string? To = null)
{
    public static FaultPlan Nothing(FaultChannel channel) => new(FaultMode.None, 0, TimeSpan.Zero, channel);

    /// <summary>Whether this plan applies to a request for <paramref name="recipient"/> (null: not known yet).</summary>
    public bool Targets(string? recipient) =>
        To is null || (recipient is not null && string.Equals(To, recipient, Channel == FaultChannel.Smtp
            ? StringComparison.OrdinalIgnoreCase // mail addresses
            : StringComparison.Ordinal));         // LINE user ids
}

/// <summary>Holds at most one armed fault per channel and hands it out to the next N matching requests, thread-safely.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FaultChannel, FaultPlan> _plans = [];

    /// <summary>The LINE channel's plan (what <c>GET /emulator/faults</c> shows by default).</summary>
    public FaultPlan Current => CurrentFor(FaultChannel.Line);

    public FaultPlan CurrentFor(FaultChannel channel)
    {
        lock (_gate)
        {
            return _plans.GetValueOrDefault(channel) ?? FaultPlan.Nothing(channel);
        }
    }

    /// <summary>Replaces whatever was armed before on the plan's channel.</summary>
    public void Arm(FaultPlan plan)
    {
        lock (_gate)
        {
            _plans[plan.Channel] = plan.Mode == FaultMode.None || plan.Remaining <= 0 ? FaultPlan.Nothing(plan.Channel) : plan;
        }
    }

    public void Clear(FaultChannel channel) => Arm(FaultPlan.Nothing(channel));

    public void Clear()
    {
        lock (_gate)
        {
            _plans.Clear();
        }
    }

    /// <summary>
    /// Takes one fault for the current request, or returns null when none is armed, the armed one targets another
    /// recipient, or <paramref name="applies"/> rejects its mode at this point of the conversation.
    /// </summary>
    public FaultPlan? TryConsume(FaultChannel channel = FaultChannel.Line, string? recipient = null, Func<FaultMode, bool>? applies = null)
    {
        lock (_gate)
        {
            if (!_plans.TryGetValue(channel, out var plan)
                || plan.Remaining <= 0
                || !plan.Targets(recipient)
                || (applies is not null && !applies(plan.Mode)))
            {
                return null;
            }

            _plans[channel] = plan.Remaining == 1 ? FaultPlan.Nothing(channel) : plan with { Remaining = plan.Remaining - 1 };
            return plan;
        }
    }
}
