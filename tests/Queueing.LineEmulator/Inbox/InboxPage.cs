namespace Queueing.LineEmulator.Inbox;

/// <summary>
/// Serves the phone-style inbox demo page at <c>/inbox</c> (and <c>/</c>), an embedded resource, so no content root
/// is needed. <c>/inbox?user=Udemo0001&amp;text=…</c> opens one user's chat with the message box prefilled.
/// </summary>
public static class InboxPage
{
    private const string ResourceName = "Queueing.LineEmulator.Inbox.inbox.html";

    public static IEndpointRouteBuilder MapInbox(this IEndpointRouteBuilder app)
    {
        var html = LoadPage();
        app.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8"));
        app.MapGet("/inbox", () => Results.Content(html, "text/html; charset=utf-8"));
        return app;
    }

    private static string LoadPage()
    {
        using var stream = typeof(InboxPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
