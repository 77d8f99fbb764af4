namespace Queueing.Ticketing.Estimates;

/// <summary>
/// Quantiles of a gamma distribution matched to a mean and a variance: non-negative and right-skewed like a sum
/// of service times, and exact for a sum of exponential ones. Uses the Wilson–Hilferty cube-root normal
/// approximation (within about 2% for shapes above 0.5, which covers every wait the estimator builds) so that
/// snapshots with hundreds of positions cost microseconds.
/// </summary>
internal static class GammaApproximation
{
    public static double Quantile(double mean, double variance, double q)
    {
        if (!(mean > 0))
        {
            return 0;
        }

        if (!(variance > 0))
        {
            return mean;
        }

        var shape = mean * mean / variance;
        var scale = variance / mean;
        var ninthShape = 1.0 / (9.0 * shape);
        var root = 1.0 - ninthShape + (StandardNormalQuantile(q) * Math.Sqrt(ninthShape));
        return root <= 0 ? 0 : shape * scale * root * root * root;
    }

    /// <summary>Inverse of the standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double StandardNormalQuantile(double p)
    {
        if (p <= 0)
        {
            return double.NegativeInfinity;
        }

        if (p >= 1)
        {
            return double.PositiveInfinity;
        }

        const double Low = 0.02425;
        if (p < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return Tail(q);
        }

        if (p > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -Tail(q);
        }

        var x = p - 0.5;
        var r = x * x;
        return (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * x
            / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);

        static double Tail(double q) =>
            (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
            / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
    }
}
