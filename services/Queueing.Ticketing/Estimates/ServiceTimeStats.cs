namespace Queueing.Ticketing.Estimates;

/// <summary>
/// Live service-time statistics: the configured expected minutes of a procedure blended with the durations
/// measured at the counters today, and a queue's statistics as the mix of its procedures.
/// </summary>
public static class ServiceTimeStats
{
    /// <summary>How many measured durations the configured minutes are worth.</summary>
    public const double PriorSamples = 5;

    /// <summary>At most this many recent durations count (older ones describe another part of the day).</summary>
    public const int MaxSamples = 50;

    /// <summary>
    /// Coefficient of variation (std dev / mean) assumed for the configured minutes: counter work of a few to
    /// 30 minutes is right-skewed, a lognormal with CV about 0.5 is a usual fit.
    /// </summary>
    public const double DefaultCoefficientOfVariation = 0.5;

    /// <summary>
    /// Blends the configured expected minutes, taken as <see cref="PriorSamples"/> pseudo-durations with mean
    /// <paramref name="configuredMinutes"/> and std dev <see cref="DefaultCoefficientOfVariation"/> × that, with
    /// the first <see cref="MaxSamples"/> of <paramref name="recentMinutes"/> (newest first): the mean and the
    /// second moment are the sample-weighted averages of both, so a handful of durations moves the estimate
    /// only a little and fifty outweigh the configuration ten to one. Negative or non-finite durations are ignored.
    /// </summary>
    public static ServiceTimes From(IReadOnlyList<double> recentMinutes, double configuredMinutes)
    {
        double weight = 0, sum = 0, sumOfSquares = 0;
        if (configuredMinutes > 0 && double.IsFinite(configuredMinutes))
        {
            var sd = DefaultCoefficientOfVariation * configuredMinutes;
            weight = PriorSamples;
            sum = PriorSamples * configuredMinutes;
            sumOfSquares = PriorSamples * ((configuredMinutes * configuredMinutes) + (sd * sd));
        }

        var samples = 0;
        foreach (var minutes in recentMinutes)
        {
            if (samples == MaxSamples)
            {
                break;
            }

            if (minutes >= 0 && double.IsFinite(minutes))
            {
                weight++;
                sum += minutes;
                sumOfSquares += minutes * minutes;
                samples++;
            }
        }

        return weight == 0 ? new ServiceTimes(0, 0, 0) : FromMoments(sum / weight, sumOfSquares / weight, samples);
    }

    /// <summary>
    /// A queue's service time as the mixture of its procedures, weighted by how many tickets of each wait or
    /// arrive: the mixture's mean is the weighted mean, its variance the weighted within-procedure variance plus
    /// the spread between procedure means (a queue of 5- and 20-minute procedures is less predictable than
    /// either). Non-positive or non-finite weights count as 0; if none is positive, the parts count equally.
    /// </summary>
    public static ServiceTimes Mix(IReadOnlyList<(ServiceTimes Times, double Weight)> parts)
    {
        if (parts.Count == 0)
        {
            return new ServiceTimes(0, 0, 0);
        }

        var anyPositive = parts.Any(p => p.Weight > 0 && double.IsFinite(p.Weight));
        double total = 0, mean = 0, secondMoment = 0;
        var samples = 0;
        foreach (var (times, rawWeight) in parts)
        {
            var weight = anyPositive ? (rawWeight > 0 && double.IsFinite(rawWeight) ? rawWeight : 0) : 1;
            samples += times.Samples;
            if (weight == 0)
            {
                continue;
            }

            total += weight;
            mean += weight * times.MeanMinutes;
            secondMoment += weight * ((times.MeanMinutes * times.MeanMinutes) + times.VarianceMinutes2);
        }

        return FromMoments(mean / total, secondMoment / total, samples);
    }

    private static ServiceTimes FromMoments(double mean, double secondMoment, int samples) =>
        new(mean, Math.Sqrt(Math.Max(0, secondMoment - (mean * mean))), samples);
}
