using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Emulator;

/// <summary>Faults aimed at one recipient, LINE's permanent 400, and pushes to users who blocked the account.</summary>
public sealed class EmulatorFaultsAndBlocking(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly object Hello = new { type = "text", text = "受付番号 A-001 の方、1番窓口へどうぞ。" };

    [Fact]
    public async Task A_400_fault_aimed_at_one_user_fails_only_that_user()
    {
        var broken = EmulatorFixture.NewUserId();
        var fine = EmulatorFixture.NewUserId();
        var armed = await emulator.Http.PostAsJsonAsync("/emulator/faults", new { mode = "400", count = 3, to = broken });
        armed.StatusCode.ShouldBe(HttpStatusCode.OK);

        var other = await emulator.PushAsync(fine, Hello);
        var failed = await emulator.PushAsync(broken, Hello);

        other.StatusCode.ShouldBe(HttpStatusCode.OK);
        failed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()
            .ShouldBe("The property, 'to', in the request body is invalid (line: -, column: -)");
        (await emulator.GetAsync<List<JsonElement>>($"/emulator/pushes?to={broken}")).ShouldBeEmpty();
        (await emulator.GetAsync<List<JsonElement>>($"/emulator/pushes?to={fine}")).Count.ShouldBe(1);

        // Only the targeted push used up one of the three.
        var state = await emulator.GetAsync<JsonElement>("/emulator/faults");
        state.GetProperty("mode").GetString().ShouldBe("400");
        state.GetProperty("remaining").GetInt32().ShouldBe(2);
        state.GetProperty("to").GetString().ShouldBe(broken);
        (await emulator.Http.DeleteAsync(new Uri("/emulator/faults?channel=line", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await emulator.PushAsync(broken, Hello)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_untargeted_fault_still_hits_the_next_push_whoever_it_is_for()
    {
        var armed = await emulator.Http.PostAsJsonAsync("/emulator/faults", new { mode = "429", count = 1 });
        (await armed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("remaining").GetInt32().ShouldBe(1);

        var limited = await emulator.PushAsync(EmulatorFixture.NewUserId(), Hello);
        var next = await emulator.PushAsync(EmulatorFixture.NewUserId(), Hello);

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        next.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await emulator.GetAsync<JsonElement>("/emulator/faults")).GetProperty("mode").GetString().ShouldBe("none");
    }

    [Fact]
    public async Task A_push_to_a_user_who_blocked_the_account_is_accepted_but_not_delivered()
    {
        var user = EmulatorFixture.NewUserId();
        await emulator.Http.PostAsync(new Uri($"/emulator/users/{user}/follow", UriKind.Relative), null);
        await emulator.Http.PostAsync(new Uri($"/emulator/users/{user}/unfollow", UriKind.Relative), null);
        var before = await emulator.GetAsync<JsonElement>("/emulator/stats");

        var push = await emulator.PushAsync(user, Hello);

        push.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await push.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sentMessages").GetArrayLength().ShouldBe(1);
        var after = await emulator.GetAsync<JsonElement>("/emulator/stats");
        Count(after, "undeliveredToBlocked").ShouldBe(Count(before, "undeliveredToBlocked") + 1);
        Count(after, "accepted").ShouldBe(Count(before, "accepted") + 1);
        (await emulator.GetAsync<List<JsonElement>>($"/emulator/pushes?to={user}")).Single().GetProperty("delivered").GetBoolean().ShouldBeFalse();

        // A blocked user cannot write either; after following again, pushes arrive.
        (await emulator.Http.PostAsJsonAsync($"/emulator/users/{user}/messages", new { text = "hi" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await emulator.Http.PostAsync(new Uri($"/emulator/users/{user}/follow", UriKind.Relative), null);
        await emulator.PushAsync(user, Hello);
        (await emulator.GetAsync<List<JsonElement>>($"/emulator/pushes?to={user}")).Select(p => p.GetProperty("delivered").GetBoolean()).ShouldBe([false, true]);
    }

    private static long Count(JsonElement stats, string name) => stats.GetProperty(name).GetInt64();
}
