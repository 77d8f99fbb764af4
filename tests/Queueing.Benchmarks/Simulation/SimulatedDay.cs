using Queueing.Ticketing.Estimates;

namespace Queueing.Benchmarks.Simulation;

/// <summary>What the system showed for one ticket at one moment, and how long the ticket then actually waited.</summary>
/// <remarks>
/// <see cref="Shown"/>: what the 4-argument estimate shows (counters' busy state unknown); <see cref="KnownBusy"/>: the
/// 5-argument estimate told how many counters are busy; <see cref="PositionOnly"/>: the latter without the Erlang C floor;
/// <see cref="LiteralFloor"/>: <see cref="PositionOnly"/> raised to Erlang C at the measured load without the steady-state cap;
/// <see cref="Load"/>: estimated λ·m / c.
/// </remarks>
internal readonly record struct Observation(
    int Queue, int Hour, int Waiting, double Load, double ActualMinutes, WaitRange Shown, WaitRange KnownBusy, WaitRange PositionOnly, WaitRange LiteralFloor, int OldMinutes);

/// <summary>
/// Discrete-event simulation of one office day: Poisson arrivals per <see cref="CityHallDay.Arrivals"/>, one FIFO queue
/// per <see cref="QueueSpec"/> served by its open counters, lognormal service times. At every arrival it records the
/// estimate the system would show (<see cref="WaitEstimator.ForNewArrival"/> on the statistics measured so far that
/// day) and every few minutes the estimate of each waiting ticket (<see cref="WaitEstimator.ForPosition"/>); the
/// actual waits are filled in when tickets are called.
/// </summary>
internal sealed class SimulatedDay
{
    public const double RateWindowMinutes = 30;
    public const double ReEstimateEveryMinutes = 5;

    private readonly CityHallDay _day;
    private readonly Random _random;
    private readonly QueueState[] _queues;
    private readonly PriorityQueue<Event, (double Time, long Sequence)> _events = new();
    private readonly List<Ticket> _tickets = [];
    private readonly List<(Ticket Ticket, int Queue, int Waiting, double Load, double At, WaitRange Shown, WaitRange KnownBusy, WaitRange PositionOnly, WaitRange LiteralFloor, int Old)> _arrivalEstimates = [];
    private readonly List<(Ticket Ticket, int Queue, int Position, double At, WaitRange Shown, int Old)> _reEstimates = [];
    private long _sequence;

    private SimulatedDay(CityHallDay day, int seed)
    {
        _day = day;
        _random = new Random(seed);
        _queues = day.Queues.Select(q => new QueueState(q)).ToArray();
    }

    public static (List<Observation> Arrivals, List<Observation> ReEstimates) Run(CityHallDay day, int seed)
    {
        var sim = new SimulatedDay(day, seed);
        sim.Simulate();
        return sim.Results();
    }

    private void Simulate()
    {
        ScheduleArrivals();
        Schedule(_day.LunchFromMinute, new Event(EventKind.LunchStarts));
        Schedule(_day.LunchToMinute, new Event(EventKind.LunchEnds));
        Schedule(ReEstimateEveryMinutes, new Event(EventKind.ReEstimate));
        foreach (var queue in _queues)
        {
            queue.Open = queue.Spec.Counters;
            queue.Free = queue.Spec.Counters;
        }

        while (_events.TryDequeue(out var e, out var key))
        {
            var now = key.Time;
            switch (e.Kind)
            {
                case EventKind.Arrival:
                    Arrive(e.Ticket!, now);
                    break;
                case EventKind.Completion:
                    Complete(e.Queue, e.Procedure, e.Duration, now);
                    break;
                case EventKind.LunchStarts:
                    foreach (var queue in _queues)
                    {
                        queue.ClosePending += queue.Spec.Counters - queue.Spec.LunchCounters;
                        queue.Open -= queue.Spec.Counters - queue.Spec.LunchCounters;
                        var closeNow = Math.Min(queue.ClosePending, queue.Free);
                        queue.Free -= closeNow;
                        queue.ClosePending -= closeNow;
                    }

                    break;
                case EventKind.LunchEnds:
                    for (var q = 0; q < _queues.Length; q++)
                    {
                        var queue = _queues[q];
                        var back = queue.Spec.Counters - queue.Spec.LunchCounters;
                        queue.Open += back;
                        var cancelled = Math.Min(back, queue.ClosePending);
                        queue.ClosePending -= cancelled;
                        queue.Free += back - cancelled;
                        StartServices(q, now);
                    }

                    break;
                case EventKind.ReEstimate:
                    ReEstimate(now);
                    if (now < CityHallDay.CloseMinute || _queues.Any(q => q.Waiting.Count > 0))
                    {
                        Schedule(now + ReEstimateEveryMinutes, e);
                    }

                    break;
            }
        }
    }

    private void ScheduleArrivals()
    {
        var procedures = _day.Queues.SelectMany((q, qi) => q.Procedures.Select((p, pi) => (Queue: qi, Procedure: pi, p.ShareOfVisitors))).ToList();
        var totalShare = procedures.Sum(p => p.ShareOfVisitors);
        foreach (var window in _day.Arrivals)
        {
            var ratePerMinute = _day.Visitors * window.Share / (window.ToMinute - window.FromMinute);
            var t = window.FromMinute;
            while (true)
            {
                t += -Math.Log(1 - _random.NextDouble()) / ratePerMinute;
                if (t >= window.ToMinute)
                {
                    break;
                }

                var pick = _random.NextDouble() * totalShare;
                var chosen = procedures[^1];
                foreach (var p in procedures)
                {
                    if ((pick -= p.ShareOfVisitors) < 0)
                    {
                        chosen = p;
                        break;
                    }
                }

                var ticket = new Ticket(chosen.Queue, chosen.Procedure, t);
                _tickets.Add(ticket);
                Schedule(t, new Event(EventKind.Arrival, Ticket: ticket));
            }
        }
    }

    private void Arrive(Ticket ticket, double now)
    {
        var q = ticket.Queue;
        var queue = _queues[q];
        var service = QueueServiceTimes(queue);
        var rate = ArrivalRate(queue, now);
        var waiting = queue.Waiting.Count;
        var busy = queue.Open - queue.Free;
        var shown = WaitEstimator.ForNewArrival(waiting, service, queue.Open, rate);
        var knownBusy = WaitEstimator.ForNewArrival(waiting, service, queue.Open, rate, busy);
        var positionOnly = waiting > 0 || busy >= queue.Open ? WaitEstimator.ForPosition(waiting + 1, service, queue.Open, rate) : WaitRange.None;
        var old = WaitEstimator.MinutesForNewArrival(waiting, queue.ConfiguredMinutesPerTicket, queue.Open);
        var load = rate * service.MeanMinutes / Math.Max(1, queue.Open);
        var literal = load < 1
            ? new WaitRange(
                Math.Max(positionOnly.P50, Minutes(WaitEstimator.ErlangCWaitQuantileMinutes(queue.Open, rate, service.MeanMinutes, 0.5))),
                Math.Max(positionOnly.P90, Minutes(WaitEstimator.ErlangCWaitQuantileMinutes(queue.Open, rate, service.MeanMinutes, 0.9))))
            : positionOnly;
        _arrivalEstimates.Add((ticket, q, waiting, load, now, shown, knownBusy, positionOnly, literal, old));

        queue.RecentArrivals.Enqueue(now);
        queue.Waiting.AddLast(ticket);
        queue.WaitingByProcedure[ticket.Procedure]++;
        StartServices(q, now);
    }

    private void Complete(int q, int procedure, double duration, double now)
    {
        var queue = _queues[q];
        var recent = queue.RecentDurations[procedure];
        recent.Insert(0, duration);
        if (recent.Count > ServiceTimeStats.MaxSamples)
        {
            recent.RemoveAt(recent.Count - 1);
        }

        queue.ServingByProcedure[procedure]--;
        if (queue.ClosePending > 0)
        {
            queue.ClosePending--;
        }
        else
        {
            queue.Free++;
        }

        StartServices(q, now);
    }

    private void StartServices(int q, double now)
    {
        var queue = _queues[q];
        while (queue.Free > 0 && queue.Waiting.First is { } first)
        {
            var ticket = first.Value;
            queue.Waiting.RemoveFirst();
            queue.WaitingByProcedure[ticket.Procedure]--;
            queue.ServingByProcedure[ticket.Procedure]++;
            queue.Free--;
            ticket.CalledAt = now;
            var spec = queue.Spec.Procedures[ticket.Procedure];
            var duration = Lognormal(spec.MedianMinutes, spec.CoefficientOfVariation);
            Schedule(now + duration, new Event(EventKind.Completion, q, ticket.Procedure, duration));
        }
    }

    private void ReEstimate(double now)
    {
        for (var q = 0; q < _queues.Length; q++)
        {
            var queue = _queues[q];
            if (queue.Waiting.Count == 0)
            {
                continue;
            }

            var service = QueueServiceTimes(queue);
            var rate = ArrivalRate(queue, now);
            var position = 0;
            foreach (var ticket in queue.Waiting)
            {
                position++;
                var shown = WaitEstimator.ForPosition(position, service, queue.Open, rate);
                var old = WaitEstimator.MinutesForPosition(position, queue.ConfiguredMinutesPerTicket, queue.Open);
                _reEstimates.Add((ticket, q, position, now, shown, old));
            }
        }
    }

    /// <summary>
    /// What the live system knows: per procedure the configured minutes blended with the last 50 durations measured
    /// today, mixed by how many tickets of each procedure are waiting or being served.
    /// </summary>
    private static ServiceTimes QueueServiceTimes(QueueState queue) =>
        ServiceTimeStats.Mix(queue.Spec.Procedures
            .Select((p, i) => (ServiceTimeStats.From(queue.RecentDurations[i], p.ConfiguredMinutes), (double)(queue.WaitingByProcedure[i] + queue.ServingByProcedure[i])))
            .ToList());

    /// <summary>Arrivals in the last 30 minutes per minute (over the time since opening early in the day, at least 10 minutes).</summary>
    private static double ArrivalRate(QueueState queue, double now)
    {
        while (queue.RecentArrivals.TryPeek(out var t) && t < now - RateWindowMinutes)
        {
            queue.RecentArrivals.Dequeue();
        }

        return queue.RecentArrivals.Count / Math.Clamp(now, 10, RateWindowMinutes);
    }

    private (List<Observation>, List<Observation>) Results()
    {
        var arrivals = _arrivalEstimates
            .Select(a => new Observation(a.Queue, CityHallDay.HourOf(a.At), a.Waiting, a.Load, a.Ticket.CalledAt - a.At, a.Shown, a.KnownBusy, a.PositionOnly, a.LiteralFloor, a.Old))
            .ToList();
        var reEstimates = _reEstimates
            .Select(r => new Observation(r.Queue, CityHallDay.HourOf(r.At), r.Position - 1, 0, r.Ticket.CalledAt - r.At, r.Shown, r.Shown, r.Shown, r.Shown, r.Old))
            .ToList();
        return (arrivals, reEstimates);
    }

    private static int Minutes(double minutes) => (int)Math.Ceiling(Math.Min(minutes, 24 * 60) - 1e-9);

    private double Lognormal(double median, double coefficientOfVariation)
    {
        var sigma = Math.Sqrt(Math.Log(1 + (coefficientOfVariation * coefficientOfVariation)));
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return median * Math.Exp(sigma * normal);
    }

    private void Schedule(double time, Event e) => _events.Enqueue(e, (time, _sequence++));

    private enum EventKind
    {
        Arrival,
        Completion,
        LunchStarts,
        LunchEnds,
        ReEstimate,
    }

    private sealed record Event(EventKind Kind, int Queue = 0, int Procedure = 0, double Duration = 0, Ticket? Ticket = null);

    private sealed class Ticket(int queue, int procedure, double arrivedAt)
    {
        public int Queue { get; } = queue;

        public int Procedure { get; } = procedure;

        public double ArrivedAt { get; } = arrivedAt;

        public double CalledAt { get; set; } = double.NaN;
    }

    private sealed class QueueState(QueueSpec spec)
    {
        public QueueSpec Spec { get; } = spec;

        /// <summary>Counters open for calling (excludes one finishing its last resident before lunch).</summary>
        public int Open { get; set; }

        public int Free { get; set; }

        public int ClosePending { get; set; }

        public LinkedList<Ticket> Waiting { get; } = new();

        public int[] WaitingByProcedure { get; } = new int[spec.Procedures.Count];

        public int[] ServingByProcedure { get; } = new int[spec.Procedures.Count];

        public List<double>[] RecentDurations { get; } = spec.Procedures.Select(_ => new List<double>()).ToArray();

        public Queue<double> RecentArrivals { get; } = new();

        /// <summary>What the old estimator used: the plain average of the configured minutes of the queue's procedures.</summary>
        public double ConfiguredMinutesPerTicket { get; } = spec.Procedures.Average(p => p.ConfiguredMinutes);
    }
}
