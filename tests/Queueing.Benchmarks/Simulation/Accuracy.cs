using System.Globalization;
using Queueing.Ticketing.Estimates;

namespace Queueing.Benchmarks.Simulation;

/// <summary>
/// Scores shown ranges against actual waits (in fractional minutes; the range is whole minutes as shown).
/// <list type="bullet">
/// <item>"within P90": actual ≤ P90, what a calibrated range achieves 90% of the time;</item>
/// <item>"within P50": actual ≤ P50, 50% when calibrated;</item>
/// <item>"inside the range": P50 / 2 ≤ actual ≤ P90, the range as a resident reads "about P50 to P90 minutes"
/// (a wait up to half the typical one shorter still counts; a longer one never does);</item>
/// <item>"strictly inside": P50 ≤ actual ≤ P90, 40% when calibrated.</item>
/// </list>
/// </summary>
internal sealed class Accuracy
{
    private long _count;
    private long _withinP90;
    private long _withinP50;
    private long _inside;
    private long _strictlyInside;
    private long _muchLonger;
    private double _absoluteErrorP50;
    private double _errorP50;
    private double _actual;
    private double _p50;
    private double _p90;

    public long Count => _count;

    public double WithinP90 => Share(_withinP90);

    public double Inside => Share(_inside);

    public void Add(double actualMinutes, WaitRange shown)
    {
        _count++;
        _withinP90 += actualMinutes <= shown.P90 ? 1 : 0;
        _withinP50 += actualMinutes <= shown.P50 ? 1 : 0;
        _inside += IsInside(actualMinutes, shown) ? 1 : 0;
        _strictlyInside += actualMinutes >= shown.P50 && actualMinutes <= shown.P90 ? 1 : 0;
        _muchLonger += actualMinutes > shown.P90 + 10 ? 1 : 0;
        _absoluteErrorP50 += Math.Abs(actualMinutes - shown.P50);
        _errorP50 += shown.P50 - actualMinutes;
        _actual += actualMinutes;
        _p50 += shown.P50;
        _p90 += shown.P90;
    }

    public static bool IsInside(double actualMinutes, WaitRange shown) => actualMinutes >= shown.P50 / 2.0 && actualMinutes <= shown.P90;

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"n={_count,6}  within P90 {Pct(_withinP90)}  within P50 {Pct(_withinP50)}  inside [P50/2, P90] {Pct(_inside)}  strictly inside [P50, P90] {Pct(_strictlyInside)}  "
        + $"over P90+10 min {Pct(_muchLonger)}  P50 MAE {Mean(_absoluteErrorP50):0.0} min  P50 bias {Mean(_errorP50):+0.0;-0.0} min  "
        + $"mean actual {Mean(_actual):0.0}  mean P50 {Mean(_p50):0.0}  mean P90 {Mean(_p90):0.0}");

    public string Short() => string.Create(CultureInfo.InvariantCulture,
        $"n={_count,6}  within P90 {Pct(_withinP90)}  within P50 {Pct(_withinP50)}  inside [P50/2, P90] {Pct(_inside)}  P50 MAE {Mean(_absoluteErrorP50):0.0} min  mean actual {Mean(_actual):0.0}  mean P50-P90 {Mean(_p50):0.0}-{Mean(_p90):0.0}");

    private double Share(long hits) => _count == 0 ? 0 : (double)hits / _count;

    private string Pct(long hits) => string.Create(CultureInfo.InvariantCulture, $"{100 * Share(hits),5:0.0}%");

    private double Mean(double sum) => _count == 0 ? 0 : sum / _count;
}

/// <summary>Scores the old single-number estimate (position × configured minutes ÷ counters).</summary>
internal sealed class SingleNumberAccuracy
{
    private long _count;
    private long _within;
    private double _absoluteError;

    public void Add(double actualMinutes, int shownMinutes)
    {
        _count++;
        _within += actualMinutes <= shownMinutes ? 1 : 0;
        _absoluteError += Math.Abs(actualMinutes - shownMinutes);
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"n={_count,6}  actual within the shown minutes {100.0 * _within / Math.Max(1, _count),5:0.0}%  MAE {_absoluteError / Math.Max(1, _count):0.0} min");
}
