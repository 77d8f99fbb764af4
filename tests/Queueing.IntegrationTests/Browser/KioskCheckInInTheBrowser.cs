using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Queueing.IntegrationTests.Bookings;
using Queueing.IntegrationTests.Engine;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Browser;

/// <summary>A resident who booked types the code at the kiosk on arrival and gets a priority ticket.</summary>
[Collection(nameof(ClockCollection))]
public sealed class KioskCheckInInTheBrowser(ClockSystemFixture fixture) : IClassFixture<ClockSystemFixture>, IAsyncLifetime
{
    private readonly QueueingSystem _system = fixture.System;
    private Testing.Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Testing.Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task The_booking_code_at_the_kiosk_gives_a_priority_ticket_with_its_qr()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 1);
        var booked = await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time = "10:00" });
        var code = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        _system.Clock.Advance(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 45)), TimeSpan.FromHours(9)) - _system.Clock.GetUtcNow());

        var kiosk = await _browser.OpenAsync($"{_system.GatewayAddress.ToString().TrimEnd('/')}/kiosk.html?office={office}", 1080, 1920);
        await kiosk.GetByTestId("booking-code-input").FillAsync(code.ToLowerInvariant());
        await kiosk.GetByTestId("booking-checkin").ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("ticket-number")).ToContainTextAsync("A-001");
        await kiosk.WaitForFunctionAsync("() => document.querySelector('[data-testid=ticket-qr]').naturalWidth > 0");
        await Testing.Browser.ScreenshotAsync(kiosk, "kiosk-checked-in");

        var booking = await _system.Http.GetFromJsonAsync<JsonElement>($"/api/bookings/{code}");
        booking.GetProperty("state").GetString().ShouldBe("checked-in");
        booking.GetProperty("ticketPriority").GetString().ShouldBe("booking");
    }
}
