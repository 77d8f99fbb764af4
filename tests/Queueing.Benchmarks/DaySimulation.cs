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
        Print($"day-simulation: {days} simulated {day.Name}s (seeds 1..{days}), {day.Visitors:0} visitors a day expected, 8:30-17:00, FIFO per queue, lognormal service times");
        foreach (var q in day.Queues)
        {
            var procedures = string.Join(", ", q.Procedures.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Name} {p.ShareOfVisitors:0%} median {p.MedianMinutes:0} min (mean {p.MeanMinutes:0.0}, CV {p.CoefficientOfVariation:0.0}, configured {p.ConfiguredMinutes:0})")));
            Print($"  queue {q.Name}: {q.Counters} counters ({q.LunchCounters} from 12:00 to 13:00); {procedures}");
        }

        Print($"  shown = ForNewArrival at ticket issue / ForPosition every 5 min for each waiting ticket; stats = configured minutes blended with the last 50 durations of each procedure today, mixed by tickets waiting or served; rate = arrivals in the last 30 min");
        Print($"  definitions: within P90 = actual <= P90 (calibrated: 90%); within P50 = actual <= P50 (50%); inside [P50/2, P90] = the range as read by a resident, a wait up to half the typical one shorter still counts, any longer wait does not; strictly inside = P50 <= actual <= P90 (calibrated: 40%)");

        var arrivals = new Accuracy();
        var positionOnly = new Accuracy();
        var knownBusy = new Accuracy();
        var loadBuckets = new (string Name, double Below, Accuracy Shown, Accuracy PositionOnly)[]
        {
            ("load < 0.7", 0.7, new Accuracy(), new Accuracy()),
            ("load 0.7-0.85", 0.85, new Accuracy(), new Accuracy()),
            ("load 0.85-0.95", 0.95, new Accuracy(), new Accuracy()),
            ("load 0.95-1", 1, new Accuracy(), new Accuracy()),
            ("load >= 1", double.PositiveInfinity, new Accuracy(), new Accuracy()),
        };
        var reEstimates = new Accuracy();
        var old = new SingleNumberAccuracy();
        var oldReEstimates = new SingleNumberAccuracy();
        var byHour = new SortedDictionary<int, Accuracy>();
        var byQueue = day.Queues.Select(_ => new Accuracy()).ToArray();
        var reByHour = new SortedDictionary<int, Accuracy>();
        var reByQueue = day.Queues.Select(_ => new Accuracy()).ToArray();
        var waitingBuckets = new (string Name, Func<int, bool> Test, Accuracy Accuracy)[]
        {
            ("nobody waiting", w => w == 0, new Accuracy()),
            ("1-9 waiting", w => w is >= 1 and <= 9, new Accuracy()),
            ("10-29 waiting", w => w is >= 10 and <= 29, new Accuracy()),
            ("30+ waiting", w => w >= 30, new Accuracy()),
        };
        var floorRaised = 0L;
        var dayWithinP90 = new List<double>();
        var dayInside = new List<double>();
        var visitors = 0L;
        for (var seed = 1; seed <= days; seed++)
        {
            var (arrivalObservations, reObservations) = SimulatedDay.Run(day, seed);
            var thisDay = new Accuracy();
            visitors += arrivalObservations.Count;
            foreach (var o in arrivalObservations)
            {
                arrivals.Add(o.ActualMinutes, o.Shown);
                thisDay.Add(o.ActualMinutes, o.Shown);
                positionOnly.Add(o.ActualMinutes, o.PositionOnly);
                knownBusy.Add(o.ActualMinutes, o.KnownBusy);
                var bucket = loadBuckets.First(b => o.Load < b.Below);
                bucket.Shown.Add(o.ActualMinutes, o.Shown);
                bucket.PositionOnly.Add(o.ActualMinutes, o.PositionOnly);
                old.Add(o.ActualMinutes, o.OldMinutes);
                byQueue[o.Queue].Add(o.ActualMinutes, o.Shown);
                (byHour.TryGetValue(o.Hour, out var hour) ? hour : byHour[o.Hour] = new Accuracy()).Add(o.ActualMinutes, o.Shown);
                waitingBuckets.First(b => b.Test(o.Waiting)).Accuracy.Add(o.ActualMinutes, o.Shown);
                floorRaised += o.KnownBusy != o.PositionOnly ? 1 : 0;
            }

            foreach (var o in reObservations)
            {
                reEstimates.Add(o.ActualMinutes, o.Shown);
                oldReEstimates.Add(o.ActualMinutes, o.OldMinutes);
                reByQueue[o.Queue].Add(o.ActualMinutes, o.Shown);
                (reByHour.TryGetValue(o.Hour, out var hour) ? hour : reByHour[o.Hour] = new Accuracy()).Add(o.ActualMinutes, o.Shown);
            }

            dayWithinP90.Add(thisDay.WithinP90);
            dayInside.Add(thisDay.Inside);
        }

        Print($"visitors simulated: {visitors} over {days} days ({(double)visitors / days:0} a day)");
        Print($"new arrivals, range shown at ticket issue:        {arrivals.Summary()}");
        Print($"waiting tickets, range re-shown every 5 min:      {reEstimates.Summary()}");
        Print($"new arrivals, told which counters are busy:       {knownBusy.Summary()}");
        Print($"new arrivals, told which counters are busy, without the Erlang C floor: {positionOnly.Summary()}");
        Print($"new arrivals where the Erlang C floor raised P50 or P90: {100.0 * floorRaised / Math.Max(1, arrivals.Count):0.0}%");
        Print($"old single number at ticket issue (position x configured minutes / counters): {old.Summary()}");
        Print($"old single number re-shown every 5 min:                                   {oldReEstimates.Summary()}");
        Print($"spread over days: within P90 {100 * dayWithinP90.Min():0.0}%..{100 * dayWithinP90.Max():0.0}%, inside [P50/2, P90] {100 * dayInside.Min():0.0}%..{100 * dayInside.Max():0.0}%");
        foreach (var (hour, accuracy) in byHour)
        {
            Print($"  arrivals {(hour == 8 ? " 8:30" : $"{hour,2}:00")}  {accuracy.Short()}");
        }

        for (var q = 0; q < byQueue.Length; q++)
        {
            Print($"  queue {day.Queues[q].Name,-26} {byQueue[q].Short()}");
        }

        foreach (var (hour, accuracy) in reByHour)
        {
            Print($"  waiting at {(hour == 8 ? " 8:30" : $"{hour,2}:00")}  {accuracy.Short()}");
        }

        for (var q = 0; q < reByQueue.Length; q++)
        {
            Print($"  waiting in {day.Queues[q].Name,-26} {reByQueue[q].Short()}");
        }

        foreach (var (name, _, accuracy) in waitingBuckets)
        {
            Print($"  {name,-15} at issue  {accuracy.Short()}");
        }

        foreach (var (name, _, shown, position) in loadBuckets)
        {
            Print($"  {name,-15} shown     {shown.Short()}");
            Print($"  {name,-15} no floor  {position.Short()}");
        }

        Print($"elapsed {clock.Elapsed.TotalSeconds:0.00} s");
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
