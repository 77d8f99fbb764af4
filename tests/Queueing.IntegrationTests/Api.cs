using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Queueing.IntegrationTests;

/// <summary>Small helpers over the Gateway's public API, as a client would call it.</summary>
public static class Api
{
    public sealed record Taken(string TicketId, string Number, string Token, string StatusUrl);

    public sealed record Called(string TicketId, string Number, string Queue, string? Counter, DateTimeOffset? CalledAt, string State, string Priority, int Recalls, IReadOnlyList<string> Procedures, string CurrentProcedure);

    public sealed record Status(string Number, string State, string Queue, int Position, int EstimatedWaitMinutes, int WaitP50, int WaitP90, string? Counter, IReadOnlyList<string> Procedures, string CurrentProcedure, int PostponesLeft);

    public sealed record CompleteResult(Called Completed, NextStep? Next);

    public sealed record NextStep(string Queue, string Number);

    public static Task<Taken> TakeAsync(this HttpClient http, string office, string procedure, string? idempotencyKey = null) =>
        http.TakeAsync(office, new { procedure, channel = "kiosk" }, idempotencyKey);

    /// <summary>
    /// Takes a ticket the way the kiosk does: with an Idempotency-Key, and once more with the same key when the
    /// Gateway answers 503 (a service did not answer in time, e.g. while a loaded machine is still warming up).
    /// </summary>
    public static async Task<Taken> TakeAsync(this HttpClient http, string office, object body, string? idempotencyKey = null)
    {
        var key = idempotencyKey ?? Guid.NewGuid().ToString();
        HttpResponseMessage response = null!;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/offices/{office}/tickets")
            {
                Content = JsonContent.Create(body),
            };
            request.Headers.Add("Idempotency-Key", key);
            response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                break;
            }
        }

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Taken>())!;
    }

    public static async Task OpenAsync(this HttpClient http, string office, string counter)
    {
        var response = await http.PostAsync($"/api/offices/{office}/counters/{counter}/open", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The called ticket, or null on 204 (nobody waiting).</summary>
    public static async Task<Called?> CallNextAsync(this HttpClient http, string office, string counter, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/offices/{office}/counters/{counter}/call-next");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<Called>();
    }

    /// <summary>A staff action on the ticket at a counter (recall, start, no-show, return, park, …); asserts 200.</summary>
    public static async Task<Called> ActAsync(this HttpClient staff, string office, string counter, string action, object? body = null)
    {
        var response = await staff.PostAsync($"/api/offices/{office}/counters/{counter}/{action}", body is null ? null : JsonContent.Create(body));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Called>())!;
    }

    public static async Task<CompleteResult> CompleteAsync(this HttpClient staff, string office, string counter)
    {
        var response = await staff.PostAsync($"/api/offices/{office}/counters/{counter}/complete", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CompleteResult>())!;
    }

    public static async Task<Status> StatusAsync(this HttpClient http, string token)
    {
        var response = await http.GetAsync($"/api/tickets/{token}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Status>())!;
    }

    /// <summary>Asserts a ProblemDetails response with the status and (when given) the field it names.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        if (field is not null)
        {
            problem.GetProperty("field").GetString().ShouldBe(field, body);
        }

        return problem;
    }
}
