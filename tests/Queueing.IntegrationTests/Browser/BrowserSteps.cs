using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shouldly;

namespace Queueing.IntegrationTests.Browser;

/// <summary>What the browser tests do again and again: wait for live pages, sign in, and set the scene over HTTP.</summary>
internal static class BrowserSteps
{
    public const string CounterUser = "sato";
    public const string CounterPassword = "madoguchi-1";
    public const string SupervisorUser = "tanaka";
    public const string SupervisorPassword = "kanri-1";

    public static readonly LocatorAssertionsToHaveAttributeOptions Long = new() { Timeout = 15_000 };

    public sealed record Taken(string TicketId, string Number, string Token, string StatusUrl);

    /// <summary>Waits until the page's hub connection delivered its snapshot (body[data-live="true"]).</summary>
    public static Task LiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "true", Long);

    /// <summary>Fills the sign-in form of the staff console or the supervisor board and waits until it is gone.</summary>
    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await Assertions.Expect(page.GetByTestId("signin")).ToBeVisibleAsync();
        await page.GetByTestId("signin-user").FillAsync(user);
        await page.GetByTestId("signin-password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-signed-in", "true", Long);
        await Assertions.Expect(page.GetByTestId("signin")).ToBeHiddenAsync();
    }

    /// <summary>Presses a key on the page itself (not inside a field), as staff do with shortcuts.</summary>
    public static async Task PressAsync(IPage page, string key)
    {
        await page.EvaluateAsync("() => document.activeElement instanceof HTMLElement && document.activeElement.blur()");
        await page.Keyboard.PressAsync(key);
    }

    public static async Task<string> TokenAsync(HttpClient http, string user, string password)
    {
        var response = await http.PostAsJsonAsync("/api/staff/sign-in", new { userId = user, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    public static async Task<Taken> TakeAsync(HttpClient http, string office, params string[] procedures)
    {
        object body = procedures.Length == 1
            ? new { procedure = procedures[0], channel = "kiosk" }
            : new { procedures, channel = "kiosk" };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/offices/{office}/tickets") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Taken>())!;
    }

    /// <summary>A staff POST with the Bearer token; returns the status and the body (null for 204).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement? Body)> StaffPostAsync(HttpClient http, string token, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<JsonElement> StaffPostOkAsync(HttpClient http, string token, string path, object? body = null)
    {
        var (status, json) = await StaffPostAsync(http, token, path, body);
        status.ShouldBe(HttpStatusCode.OK, json?.GetRawText());
        return json!.Value;
    }

    public static string Root(Queueing.Testing.QueueingSystem system) => system.GatewayAddress.ToString().TrimEnd('/');
}
