namespace Queueing.Benchmarks.Simulation;

/// <summary>A procedure: lognormal service time (median, coefficient of variation) and the minutes the office configured for it.</summary>
internal sealed record ProcedureSpec(string Name, double MedianMinutes, double CoefficientOfVariation, double ConfiguredMinutes, double ShareOfVisitors)
{
    public double MeanMinutes => MedianMinutes * Math.Sqrt(1 + (CoefficientOfVariation * CoefficientOfVariation));
}

/// <summary>A FIFO queue served by its own counters; fewer are open during the lunch rotation.</summary>
internal sealed record QueueSpec(string Name, int Counters, int LunchCounters, IReadOnlyList<ProcedureSpec> Procedures);

/// <summary>A share of the day's visitors arriving (Poisson) evenly between two minutes after opening.</summary>
internal sealed record ArrivalWindow(double FromMinute, double ToMinute, double Share);

/// <summary>An office day: minute 0 is the opening at 8:30; arrivals stop at <see cref="CloseMinute"/>, counters serve everyone who arrived.</summary>
internal sealed record CityHallDay(string Name, double Visitors, IReadOnlyList<ArrivalWindow> Arrivals, IReadOnlyList<QueueSpec> Queues, double LunchFromMinute, double LunchToMinute)
{
    public const double OpeningHour = 8.5;
    public const double CloseMinute = 510;

    /// <summary>
    /// A busy day at a city hall of about 160,000 people (PRODUCT.md "Realistic volumes"): about 900 visitors, hourly
    /// shares 9h 13%, 10h 16%, 11h 13%, 12h 9%, 13h 12%, 14h 12%, 15h 10%, 16h 8%; the remaining 7% arrive in the
    /// half hour after the 8:30 opening. Counters are sized so that the 10h and 11h arrivals exceed what they can
    /// serve (load about 1.1) and queues build, then drain in the afternoon; with <paramref name="lunchRotation"/> one
    /// to three counters per queue are at lunch from 12:00 to 13:00 (the estimates only learn it when it happens).
    /// Configured minutes are the office's round guesses, not the true means.
    /// </summary>
    public static CityHallDay Busy(string name = "busy day", double visitors = 900, bool lunchRotation = true) => new(
        name,
        visitors,
        [
            new(0, 30, 0.07), new(30, 90, 0.13), new(90, 150, 0.16), new(150, 210, 0.13), new(210, 270, 0.09),
            new(270, 330, 0.12), new(330, 390, 0.12), new(390, 450, 0.10), new(450, 510, 0.08),
        ],
        [
            new("A certificates", 8, lunchRotation ? 6 : 8,
            [
                new("residence certificate", 5, 0.5, 5, 0.32),
                new("family register", 7, 0.5, 8, 0.16),
                new("tax certificate", 6, 0.5, 5, 0.10),
            ]),
            new("B registrations", 12, lunchRotation ? 9 : 12,
            [
                new("move-in", 18, 0.5, 20, 0.13),
                new("move-out", 10, 0.5, 10, 0.13),
                new("change of address", 12, 0.5, 15, 0.11),
            ]),
            new("C pensions and insurance", 3, lunchRotation ? 2 : 3,
            [
                new("pension and health insurance", 25, 0.4, 30, 0.05),
            ]),
        ],
        LunchFromMinute: 210,
        LunchToMinute: 270);

    /// <summary>Clock hour (9 for 9:00–9:59; the 8:30 half hour counts as 8) of a minute after opening.</summary>
    public static int HourOf(double minute) => (int)Math.Floor(OpeningHour + (minute / 60));
}
