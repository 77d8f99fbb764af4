using System.Globalization;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Ticketing.Tickets;

/// <summary>
/// How tickets are numbered: per office and queue, per office-local day (numbering resets at midnight in the
/// office's time zone, Asia/Tokyo for Japanese offices). Display numbers are the queue prefix and at least
/// three digits: A-001 … A-999, A-1000.
/// </summary>
public static class TicketNumbering
{
    public static string DayKey(Office office, DateTimeOffset now) =>
        office.LocalDate(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Number(string queue, long sequence) =>
        sequence < 1
            ? throw new ArgumentOutOfRangeException(nameof(sequence), "sequences start at 1")
            : $"{queue}-{sequence.ToString("000", CultureInfo.InvariantCulture)}";

    /// <summary>A ticket id names its office, day and number, so it is unique across the deployment and readable in logs.</summary>
    public static string TicketId(string officeId, string dayKey, string number) => $"{officeId}.{dayKey}.{number}";

    /// <summary>The display number inside a ticket id.</summary>
    public static string NumberOf(string ticketId) => ticketId[(ticketId.LastIndexOf('.') + 1)..];
}
