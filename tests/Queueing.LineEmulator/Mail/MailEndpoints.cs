namespace Queueing.LineEmulator.Mail;

public static class MailEndpoints
{
    public static IEndpointRouteBuilder MapMailEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator/mail", (string? to, MailStore store) => store.Snapshot(to));
        return app;
    }
}
