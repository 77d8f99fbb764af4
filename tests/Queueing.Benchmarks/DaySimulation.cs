using System.Diagnostics;
using System.Globalization;
using Queueing.Benchmarks.Simulation;

namespace Queueing.Benchmarks;

/// <summary>
/// Estimate accuracy on simulated busy days: how often residents' actual waits fall inside the range
/// (<see cref="Queueing.Ticketing.Estimates.WaitRange"/>) the system showed them, when they took the ticket and
/// while they waited. Deterministic: day i uses random seed i. Usage:
/// <c>dotnet run -c Release --project tests/Queueing.Benchmarks -- day-simulation [days]</c>.
/// </summary>
public static class DaySimulation
{
    public static void Run(int days = 20)
    {
        var clock = Stopwatch.StartNew();
        var day = CityHallDay.Busy();
        Print($"day-simulation: {days} simulated days per scenario (seeds 1..{days}), 8:30-17:00, one FIFO queue per counter group, lognormal service times");
        foreach (var q in day.Queues)
        {
            var procedures = string.Join(", ", q.Procedures.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Name} {p.ShareOfVisitors:0%} median {p.MedianMinutes:0} min (mean {p.MeanMinutes:0.0}, CV {p.CoefficientOfVariation:0.0}, configured {p.ConfiguredMinutes:0})")));
            Print($"  queue {q.Name}: {q.Counters} counters ({q.LunchCounters} from 12:00 to 13:00); {procedures}");
        }

        Print($"  shown: ForNewArrival when the ticket is taken, ForPosition every 5 min for each waiting ticket; service times = configured minutes blended with the last 50 durations of each procedure today (ServiceTimeStats.From), mixed by tickets waiting or served (Mix); arrival rate = arrivals in the last 30 min");
        Print($"  definitions: within P90 = actual <= P90 (calibrated: 90%); within P50 = actual <= P50 (calibrated: 50%; rounding up to whole minutes pushes it higher); inside [P50/2, P90] = the range as a resident reads 'about P50 to P90 min': a wait up to half the typical one shorter still counts, any wait longer than P90 does not; strictly inside = P50 <= actual <= P90 (calibrated: 40%); actual waits in fractional minutes, ranges in the whole minutes shown");

        Detailed(day, days);
        Print($"other scenarios (same seeds):");
        Summary(CityHallDay.Busy("busy day without lunch rotation", lunchRotation: false), days);
        Summary(CityHallDay.Busy("peak season, 1,200 visitors, same counters", visitors: 1200), days);
        Summary(CityHallDay.Busy("peak season without lunch rotation", visitors: 1200, lunchRotation: false), days);
        Print($"elapsed {clock.Elapsed.TotalSeconds:0.00} s");
    }

    private static void Detailed(CityHallDay day, int days)
    {
        var arrivals = new Accuracy();
        var knownBusy = new Accuracy();
        var noFloor = new Accuracy();
        var literalFloor = new Accuracy();
        var reEstimates = new Accuracy();
        var old = new SingleNumberAccuracy();
        var oldReEstimates = new SingleNumberAccuracy();
        var byHour = new SortedDictionary<int, Accuracy>();
        var reByHour = new SortedDictionary<int, Accuracy>();
        var byQueue = day.Queues.Select(_ => new Accuracy()).ToArray();
        var reByQueue = day.Queues.Select(_ => new Accuracy()).ToArray();
        var waitingBuckets = new (string Name, Func<int, bool> Test, Accuracy Accuracy)[]
        {
            ("nobody waiting", w => w == 0, new Accuracy()),
            ("1-9 waiting", w => w is >= 1 and <= 9, new Accuracy()),
            ("10-29 waiting", w => w is >= 10 and <= 29, new Accuracy()),
            ("30+ waiting", w => w >= 30, new Accuracy()),
        };
        var loadBuckets = new (string Name, double Below, Accuracy Shown, Accuracy Literal)[]
        {
            ("load < 0.7", 0.7, new Accuracy(), new Accuracy()),
            ("load 0.7-0.85", 0.85, new Accuracy(), new Accuracy()),
            ("load 0.85-0.95", 0.95, new Accuracy(), new Accuracy()),
            ("load 0.95-1", 1, new Accuracy(), new Accuracy()),
            ("load >= 1", double.PositiveInfinity, new Accuracy(), new Accuracy()),
        };
        var floorRaised = 0L;
        var dayWithinP90 = new List<double>();
        var dayInside = new List<double>();
        for (var seed = 1; seed <= days; seed++)
        {
            var (arrivalObservations, reObservations) = SimulatedDay.Run(day, seed);
            var thisDay = new Accuracy();
            foreach (var o in arrivalObservations)
            {
                arrivals.Add(o.ActualMinutes, o.Shown);
                thisDay.Add(o.ActualMinutes, o.Shown);
                knownBusy.Add(o.ActualMinutes, o.KnownBusy);
                noFloor.Add(o.ActualMinutes, o.PositionOnly);
                literalFloor.Add(o.ActualMinutes, o.LiteralFloor);
                old.Add(o.ActualMinutes, o.OldMinutes);
                byQueue[o.Queue].Add(o.ActualMinutes, o.Shown);
                For(byHour, o.Hour).Add(o.ActualMinutes, o.Shown);
                waitingBuckets.First(b => b.Test(o.Waiting)).Accuracy.Add(o.ActualMinutes, o.Shown);
                var bucket = loadBuckets.First(b => o.Load < b.Below);
                bucket.Shown.Add(o.ActualMinutes, o.Shown);
                bucket.Literal.Add(o.ActualMinutes, o.LiteralFloor);
                floorRaised += o.KnownBusy != o.PositionOnly ? 1 : 0;
            }

            foreach (var o in reObservations)
            {
                reEstimates.Add(o.ActualMinutes, o.Shown);
                oldReEstimates.Add(o.ActualMinutes, o.OldMinutes);
                reByQueue[o.Queue].Add(o.ActualMinutes, o.Shown);
                For(reByHour, o.Hour).Add(o.ActualMinutes, o.Shown);
            }

            dayWithinP90.Add(thisDay.WithinP90);
            dayInside.Add(thisDay.Inside);
        }

        Print($"scenario {day.Name}: {arrivals.Count} visitors over {days} days ({(double)arrivals.Count / days:0} a day)");
        Print($"  at ticket issue, ForNewArrival (4 args):          {arrivals.Summary()}");
        Print($"  while waiting, ForPosition every 5 min:           {reEstimates.Summary()}");
        Print($"  at ticket issue, told how many counters are busy:  {knownBusy.Summary()}");
        Print($"  same, without the Erlang C floor:                 {noFloor.Summary()}");
        Print($"  same, with the literal Erlang C floor (no steady-state cap): {literalFloor.Summary()}");
        Print($"  Erlang C floor (capped) raised P50 or P90 for {100.0 * floorRaised / Math.Max(1, arrivals.Count):0.0}% of new arrivals");
        Print($"  old single number at ticket issue (position x configured minutes / counters): {old.Summary()}");
        Print($"  old single number while waiting:                                              {oldReEstimates.Summary()}");
        Print($"  spread over days at ticket issue: within P90 {100 * dayWithinP90.Min():0.0}%..{100 * dayWithinP90.Max():0.0}%, inside [P50/2, P90] {100 * dayInside.Min():0.0}%..{100 * dayInside.Max():0.0}%");
        foreach (var (hour, accuracy) in byHour)
        {
            Print($"  issued {HourLabel(hour)}  {accuracy.Short()}");
        }

        foreach (var (hour, accuracy) in reByHour)
        {
            Print($"  waiting {HourLabel(hour)} {accuracy.Short()}");
        }

        for (var q = 0; q < byQueue.Length; q++)
        {
            Print($"  issued, queue {day.Queues[q].Name,-26}  {byQueue[q].Short()}");
            Print($"  waiting, queue {day.Queues[q].Name,-26} {reByQueue[q].Short()}");
        }

        foreach (var (name, _, accuracy) in waitingBuckets)
        {
            Print($"  issued with {name,-15} {accuracy.Short()}");
        }

        foreach (var (name, _, shown, literal) in loadBuckets)
        {
            Print($"  issued at {name,-15} shown          {shown.Short()}");
            Print($"  issued at {name,-15} literal floor  {literal.Short()}");
        }
    }

    private static void Summary(CityHallDay day, int days)
    {
        var arrivals = new Accuracy();
        var reEstimates = new Accuracy();
        for (var seed = 1; seed <= days; seed++)
        {
            var (arrivalObservations, reObservations) = SimulatedDay.Run(day, seed);
            foreach (var o in arrivalObservations)
            {
                arrivals.Add(o.ActualMinutes, o.Shown);
            }

            foreach (var o in reObservations)
            {
                reEstimates.Add(o.ActualMinutes, o.Shown);
            }
        }

        Print($"scenario {day.Name}:");
        Print($"  at ticket issue: {arrivals.Summary()}");
        Print($"  while waiting:   {reEstimates.Summary()}");
    }

    private static Accuracy For(SortedDictionary<int, Accuracy> buckets, int key) =>
        buckets.TryGetValue(key, out var accuracy) ? accuracy : buckets[key] = new Accuracy();

    private static string HourLabel(int hour) => hour == 8 ? " 8:30" : string.Create(CultureInfo.InvariantCulture, $"{hour,2}:00");

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
