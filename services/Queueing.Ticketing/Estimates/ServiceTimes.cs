namespace Queueing.Ticketing.Estimates;

/// <summary>
/// Service time of a procedure (or of a queue's mix of procedures): mean and standard deviation in minutes, and
/// how many measured durations went into them (0 = the configured minutes alone).
/// </summary>
public sealed record ServiceTimes(double MeanMinutes, double StdDevMinutes, int Samples)
{
    /// <summary>Variance in square minutes (a negative or non-finite standard deviation counts as 0).</summary>
    public double VarianceMinutes2 => StdDevMinutes > 0 && double.IsFinite(StdDevMinutes) ? StdDevMinutes * StdDevMinutes : 0;
}

/// <summary>
/// A wait shown to residents: the median (P50) and the 90th percentile (P90) in whole minutes, rounded up.
/// Half of residents should wait no longer than <see cref="P50"/>, nine in ten no longer than <see cref="P90"/>.
/// </summary>
public sealed record WaitRange(int P50, int P90)
{
    public static readonly WaitRange None = new(0, 0);
}
