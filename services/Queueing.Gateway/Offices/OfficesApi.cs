using Microsoft.AspNetCore.Http.HttpResults;
using Queueing.Gateway.Http;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Gateway.Offices;

public static class OfficesApi
{
    public static IEndpointRouteBuilder MapOfficesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/offices/{officeId}", GetOffice)
            .WithName("GetOffice")
            .WithTags("Offices")
            .WithSummary("The office, its queues, procedures (with what to bring) and counters.");
        return app;
    }

    private static Results<Ok<Office>, ProblemHttpResult> GetOffice(string officeId, OfficeCatalog offices) =>
        offices.Find(officeId) is { } office
            ? TypedResults.Ok(office)
            : Problems.NotFound("officeId", $"Office '{officeId}' does not exist.");
}
