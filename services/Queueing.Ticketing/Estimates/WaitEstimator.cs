namespace Queueing.Ticketing.Estimates;

/// <summary>
/// Wait estimates as a range (P50, P90) in whole minutes, from the live service times of the queue, the open
/// counters serving it, the position and, for a resident taking a ticket now, the queue's recent arrival rate.
/// </summary>
/// <remarks>
/// <para><b>Position model.</b> With c counters busy (someone waits, so none is idle), the ticket at position p
/// is called at the p-th departure. Departures from c busy counters are the superposition of c renewal processes:
/// the count in t has mean c·t/m and variance c·s²·t/m³ (renewal CLT; m, s: service mean and std dev), which inverts
/// to p − 1 inter-departure times of mean m/c and variance s²/c². The first departure ends a service already in
/// progress; seen at a random moment its residual R has E[R] = m(1 + v)/2 and E[R²] = m²(1 + v)(1 + 2v)/3
/// (v = s²/m², third moment of a gamma-shaped S). So, for one counter exactly and for many asymptotically:</para>
/// <para>E[T_p] = ((p − 1)·m + E[R]) / c,  Var[T_p] = ((p − 1)·s² + Var[R]) / c².</para>
/// <para>For c &gt; 1 the first few departures are more Poisson-like than that (Palm–Khintchine: the first of c
/// residuals is not R/c, and the counters' phases are independent), which under-states short waits at many counters.
/// Two corrections interpolate between the renewal result and the Poisson limit: the mean moves by
/// (m − E[R])/c·(1 − 1/√c), fading out over the first c/3 positions, and the variance gains
/// 0.18·(1 − v)·(c − 1)·√min(1, 2p/c)·(m/c)². Both were fitted by Monte Carlo against c busy counters with lognormal
/// service (CV 0.2–0.7, c 1–20, p 1–30): the continuous P50/P90 then cover 42–54% / 86–95% of simulated waits
/// (before, 40–53% / 74–91%, worst at many counters and position 1).</para>
/// <para>The mean service time is itself estimated (standard error s/√(Samples + 5)) and scales all p − 1 intervals
/// alike, adding ((p − 1)/c)²·s²/(Samples + 5): a long queue measured on few durations gets a wider range.</para>
/// <para>T_p is taken as gamma distributed with those moments (positive, right-skewed, exact for exponential
/// service) and P50/P90 are its quantiles rounded up to whole minutes (the rounding alone makes the shown P50 about
/// half a minute pessimistic). P90 − P50 grows like √p·s/c.</para>
/// <para><b>New arrivals.</b> Position waiting + 1. With nobody waiting a counter may be free: M/M/c gives
/// P(all busy | nobody waits) = B(c, a) (Erlang B), so the position range is that of position 1 only with that
/// probability (or exactly, when the caller passes how many counters are busy).</para>
/// <para><b>Floor.</b> The new-arrival range is never below what the M/M/c (Erlang C) model gives for the current
/// arrival rate and counters: P(W &gt; t) = C(c, a)·exp(−(c/m − λ)·t), a = λ·m. Erlang C is a steady state, and an
/// M/M/c queue relaxes towards it only in about m / (c·(1 − √ρ)²) minutes — 85 hours for 13 counters of 15 minutes
/// at ρ = 0.97 — while the arrival rate of a city hall changes hour by hour. Applied literally near ρ = 1 it shows
/// hours for a queue that cannot build them within the day (measured: P50 78 min for actual waits of 4 min). The
/// floor therefore uses the load capped at the highest one whose steady state forms within
/// <see cref="FloorHorizonMinutes"/> (<see cref="SteadyStateLoadWithin"/>). At a load of 1 or more there is no
/// steady state and the position range alone is used.</para>
/// </remarks>
public static class WaitEstimator
{
    private const double Median = 0.5;
    private const double NinetiethPercentile = 0.9;

    /// <summary>
    /// How long the current arrival rate is taken to last (city-hall arrivals change hour by hour): the Erlang C
    /// floor uses at most the load whose steady state forms within it; see <see cref="SteadyStateLoadWithin"/>.
    /// </summary>
    public const double FloorHorizonMinutes = 60;

    /// <summary>Phase variance of busy counters per counter, in (m/c)² at CV 0 (fitted by Monte Carlo, see remarks).</summary>
    private const double PhaseVariance = 0.18;

    /// <summary>Longest wait ever shown (a day); also what an unbounded quantile is clamped to.</summary>
    private const int MaxMinutes = 24 * 60;

    /// <summary>
    /// The wait of the ticket at 1-based <paramref name="position"/> in its queue (position − 1 people ahead) with
    /// <paramref name="servers"/> open counters serving the queue (0 counts as 1). Position 0 or below (not
    /// waiting) is (0, 0). <paramref name="arrivalsPerMinute"/> does not change a FIFO wait (who arrives later
    /// is served later); it is accepted so callers pass the same figures to every estimate.
    /// </summary>
    public static WaitRange ForPosition(int position, ServiceTimes service, int servers, double arrivalsPerMinute)
    {
        _ = arrivalsPerMinute;
        if (position <= 0 || !(service.MeanMinutes > 0) || !double.IsFinite(service.MeanMinutes))
        {
            return WaitRange.None;
        }

        var (mean, variance) = PositionMoments(position, service, Math.Max(1, servers));
        return ToRange(
            GammaApproximation.Quantile(mean, variance, Median),
            GammaApproximation.Quantile(mean, variance, NinetiethPercentile));
    }

    /// <summary>
    /// The wait a resident taking a ticket now should expect with <paramref name="waiting"/> people already
    /// waiting: the position range for position waiting + 1, raised where needed to the Erlang C range for the
    /// current load (each bound separately; the load capped at what reaches a steady state within
    /// <see cref="FloorHorizonMinutes"/>, see remarks). At a load a = λ·m of at least the counters, Erlang C does not
    /// apply and the position range is used. With nobody waiting a counter may be free: the position range is then the
    /// one of position 1 only with the probability B(c, a) (Erlang B) that all counters are busy, which is the
    /// M/M/c probability of all busy given nobody waits; otherwise the resident is called at once.
    /// </summary>
    public static WaitRange ForNewArrival(int waiting, ServiceTimes service, int servers, double arrivalsPerMinute) =>
        NewArrival(waiting, service, servers, arrivalsPerMinute, busyServers: null);

    /// <summary>
    /// As <see cref="ForNewArrival(int, ServiceTimes, int, double)"/> when the caller knows how many of the
    /// counters serving the queue are busy: with nobody waiting and a counter free, the position range is (0, 0);
    /// with all busy it is the range of position 1. The Erlang C floor applies either way.
    /// </summary>
    public static WaitRange ForNewArrival(int waiting, ServiceTimes service, int servers, double arrivalsPerMinute, int busyServers) =>
        NewArrival(waiting, service, servers, arrivalsPerMinute, busyServers);

    /// <summary>
    /// Erlang B: the probability that all <paramref name="servers"/> counters (0 counts as 1) are busy in an
    /// M/M/c/c system offered <paramref name="offeredLoadErlangs"/>, by the recursion B(k) = a·B(k−1) / (k + a·B(k−1)).
    /// In M/M/c it is also the probability that all counters are busy given that nobody waits.
    /// </summary>
    public static double ErlangB(int servers, double offeredLoadErlangs)
    {
        var c = Math.Max(1, servers);
        var a = offeredLoadErlangs;
        if (!(a > 0))
        {
            return 0;
        }

        if (double.IsPositiveInfinity(a))
        {
            return 1;
        }

        var b = 1.0;
        for (var k = 1; k <= c; k++)
        {
            b = a * b / (k + (a * b));
        }

        return b;
    }

    /// <summary>
    /// Erlang C: the probability that an arrival must wait in an M/M/c queue with <paramref name="servers"/>
    /// counters (0 counts as 1) and an offered load of <paramref name="offeredLoadErlangs"/> = λ·m. Computed from
    /// the Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)), stable for hundreds of servers, and
    /// C = c·B / (c − a·(1 − B)). 0 without load, 1 at a load of c or more (the queue grows without bound).
    /// </summary>
    public static double ErlangC(int servers, double offeredLoadErlangs)
    {
        var c = Math.Max(1, servers);
        var a = offeredLoadErlangs;
        if (!(a > 0))
        {
            return 0;
        }

        if (a >= c)
        {
            return 1;
        }

        var b = ErlangB(c, a);
        return Math.Clamp(c * b / (c - (a * (1 - b))), 0, 1);
    }

    /// <summary>
    /// The q-quantile (0..1) of an arrival's wait in M/M/c: from P(W &gt; t) = C·exp(−(c/m − λ)·t),
    /// t = ln(C / (1 − q)) / (c/m − λ), and 0 when C ≤ 1 − q (that share of arrivals does not wait at all).
    /// Infinite when the load λ·m reaches the counters or for q = 1.
    /// </summary>
    public static double ErlangCWaitQuantileMinutes(int servers, double arrivalsPerMinute, double meanServiceMinutes, double q)
    {
        var c = Math.Max(1, servers);
        if (!(arrivalsPerMinute > 0) || !(meanServiceMinutes > 0) || !(q > 0))
        {
            return 0;
        }

        var load = arrivalsPerMinute * meanServiceMinutes;
        if (load >= c || q >= 1)
        {
            return double.PositiveInfinity;
        }

        var waitProbability = ErlangC(c, load);
        var tail = 1 - q;
        if (waitProbability <= tail)
        {
            return 0;
        }

        return Math.Log(waitProbability / tail) / ((c / meanServiceMinutes) - arrivalsPerMinute);
    }

    /// <summary>
    /// The median wait at <paramref name="position"/> for a procedure configured at
    /// <paramref name="minutesPerTicket"/> minutes (no measured durations); see <see cref="ForPosition"/>.
    /// </summary>
    public static int MinutesForPosition(int position, double minutesPerTicket, int counters) =>
        ForPosition(position, ServiceTimeStats.From([], minutesPerTicket), counters, 0).P50;

    /// <summary>
    /// The median wait of a resident taking a ticket now behind <paramref name="waiting"/> people, for a
    /// procedure configured at <paramref name="minutesPerTicket"/> minutes; see <see cref="ForNewArrival"/>.
    /// </summary>
    public static int MinutesForNewArrival(int waiting, double minutesPerTicket, int counters) =>
        ForNewArrival(waiting, ServiceTimeStats.From([], minutesPerTicket), counters, 0).P50;

    private static WaitRange NewArrival(int waiting, ServiceTimes service, int servers, double arrivalsPerMinute, int? busyServers)
    {
        var c = Math.Max(1, servers);
        var mean = service.MeanMinutes;
        if (!(mean > 0) || !double.IsFinite(mean))
        {
            return WaitRange.None;
        }

        var load = arrivalsPerMinute > 0 && double.IsFinite(arrivalsPerMinute) ? arrivalsPerMinute * mean : 0;
        WaitRange position;
        if (waiting > 0 || busyServers >= c)
        {
            position = ForPosition(Math.Max(0, waiting) + 1, service, c, arrivalsPerMinute);
        }
        else if (busyServers is not null)
        {
            position = WaitRange.None;
        }
        else
        {
            // P(W > t) = B · P(T_1 > t): the q-quantile of W is the (1 − (1 − q)/B)-quantile of T_1, or 0.
            var allBusy = ErlangB(c, load);
            var (firstMean, firstVariance) = PositionMoments(1, service, c);
            position = ToRange(
                MixtureQuantile(allBusy, firstMean, firstVariance, Median),
                MixtureQuantile(allBusy, firstMean, firstVariance, NinetiethPercentile));
        }

        if (load <= 0 || load >= c)
        {
            return position;
        }

        var floorRate = Math.Min(arrivalsPerMinute, c / mean * SteadyStateLoadWithin(FloorHorizonMinutes, c, mean));
        var floor = ToRange(
            ErlangCWaitQuantileMinutes(c, floorRate, mean, Median),
            ErlangCWaitQuantileMinutes(c, floorRate, mean, NinetiethPercentile));
        return new WaitRange(Math.Max(position.P50, floor.P50), Math.Max(position.P90, floor.P90));

        static double MixtureQuantile(double waitProbability, double mean, double variance, double q)
        {
            var conditional = 1 - ((1 - q) / waitProbability);
            return conditional > 0 ? GammaApproximation.Quantile(mean, variance, conditional) : 0;
        }
    }

    /// <summary>
    /// The highest load whose Erlang C steady state forms within <paramref name="horizonMinutes"/>: the queue of an
    /// M/M/c system relaxes to its steady state at rate (√(c/m) − √λ)², i.e. in m / (c·(1 − √ρ)²) minutes, so
    /// ρ = (1 − √(m / (c·horizon)))².
    /// </summary>
    public static double SteadyStateLoadWithin(double horizonMinutes, int servers, double meanServiceMinutes)
    {
        var ratio = meanServiceMinutes / (Math.Max(1, servers) * horizonMinutes);
        if (!(ratio < 1))
        {
            return 0;
        }

        var root = 1 - Math.Sqrt(ratio);
        return root * root;
    }

    /// <summary>Mean and variance of the time until the <paramref name="position"/>-th departure (see remarks).</summary>
    internal static (double Mean, double Variance) PositionMoments(int position, ServiceTimes service, int servers)
    {
        var m = service.MeanMinutes;
        var s2 = service.VarianceMinutes2;
        var v = s2 / (m * m);
        var c = (double)servers;
        var residualMean = m * (1 + v) / 2;
        var residualSecondMoment = m * m * (1 + v) * (1 + (2 * v)) / 3;
        var residualVariance = Math.Max(0, residualSecondMoment - (residualMean * residualMean));
        var ahead = position - 1;

        // Renewal part: the first departure ends a residual, then (p − 1) departures of mean m/c and variance s²/c².
        var mean = ((ahead * m) + residualMean) / c;
        var variance = ((ahead * s2) + residualVariance) / (c * c);

        // Superposition part (Palm–Khintchine): the first departures of c > 1 counters look more Poisson than the
        // renewal part says; the mean moves towards m/c for the first c/3 positions and the phases of the
        // counters add variance that saturates once half of them have finished.
        var firstShift = (m - residualMean) / c * (1 - (1 / Math.Sqrt(c)));
        mean += firstShift * Math.Max(0, 1 - (3 * ahead / c));
        var unit = m / c;
        variance += PhaseVariance * Math.Max(0, 1 - v) * (c - 1) * Math.Sqrt(Math.Min(1, 2 * position / c)) * unit * unit;

        // Parameter part: the mean service time is itself estimated from Samples durations plus the configured prior,
        // with standard error s/√n; it scales every one of the (p − 1) intervals ahead alike.
        var meanError2 = s2 / (Math.Max(0, service.Samples) + ServiceTimeStats.PriorSamples);
        variance += ahead * ahead / (c * c) * meanError2;
        return (mean, variance);
    }

    private static WaitRange ToRange(double p50Minutes, double p90Minutes)
    {
        var p50 = RoundUp(p50Minutes);
        return new WaitRange(p50, Math.Max(p50, RoundUp(p90Minutes)));
    }

    /// <summary>Whole minutes, rounded up (a float hair above a whole minute stays on it).</summary>
    private static int RoundUp(double minutes)
    {
        if (double.IsNaN(minutes) || minutes <= 1e-9)
        {
            return 0;
        }

        return minutes >= MaxMinutes ? MaxMinutes : (int)Math.Ceiling(minutes - 1e-9);
    }
}
