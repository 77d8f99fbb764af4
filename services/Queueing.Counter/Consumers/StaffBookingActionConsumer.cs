using MassTransit;
using Queueing.Contracts.Counters;
using Queueing.Contracts.Reservations;
using Queueing.Counter.Counters;

namespace Queueing.Counter.Consumers;

/// <summary>
/// Staff bookings on a resident's behalf (book, move, cancel) join the supervisors' audit log beside the counter
/// actions: who, what, which booking code, when. Appended once per command id, however often Reservation
/// publishes it; StaffActionRecorded follows the first append only.
/// </summary>
public sealed class StaffBookingActionConsumer(CounterStore store) : IConsumer<StaffBookingActionTaken>
{
    public async Task Consume(ConsumeContext<StaffBookingActionTaken> context)
    {
        var m = context.Message;
        var record = new AuditRecord { At = m.At, StaffId = m.StaffId, Action = m.Action, Counter = "", Number = m.Code, Detail = m.Detail };
        if (await store.AppendAuditAsync(m.OfficeId, m.CommandId, record))
        {
            await context.Publish(new StaffActionRecorded { OfficeId = m.OfficeId, Record = record });
        }
    }
}
