using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Queueing.Gateway.Staff;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Staff;

/// <summary>Sign-in, /me and the 401/403 answers, over real HTTP against a host with only the staff parts.</summary>
public sealed class StaffApiRules(StaffApiRules.Host host) : IClassFixture<StaffApiRules.Host>
{
    private readonly HttpClient _http = host.Http;

    [Theory]
    [InlineData("sato", "madoguchi-1", "counter")]
    [InlineData("tanaka", "kanri-1", "supervisor")]
    [InlineData("admin", "admin-1", "admin")]
    public async Task Sign_in_gives_a_token_and_the_profile(string id, string password, string role)
    {
        var response = await _http.PostAsJsonAsync("/api/staff/sign-in", new { userId = id, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("token").GetString().ShouldNotBeNullOrEmpty();
        body.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(11));
        var staff = body.GetProperty("staff");
        staff.GetProperty("id").GetString().ShouldBe(id);
        staff.GetProperty("role").GetString().ShouldBe(role);
        staff.GetProperty("offices").GetArrayLength().ShouldBeGreaterThan(0);
        staff.TryGetProperty("passwordHash", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task The_staff_id_is_not_case_sensitive_at_sign_in()
    {
        var response = await _http.PostAsJsonAsync("/api/staff/sign-in", new { userId = " Sato ", password = "madoguchi-1" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("staff").GetProperty("id").GetString().ShouldBe("sato");
    }

    [Fact]
    public async Task Me_answers_the_signed_in_profile()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await host.TokenAsync("suzuki", "madoguchi-2"));
        var response = await _http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("id").GetString().ShouldBe("suzuki");
        body.GetProperty("name").GetString().ShouldBe("鈴木");
        body.GetProperty("offices").EnumerateArray().Select(o => o.GetString()).ShouldBe(["demo", "t*"]);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401()
    {
        var wrong = await _http.PostAsJsonAsync("/api/staff/sign-in", new { userId = "sato", password = "madoguchi-2" });
        var unknown = await _http.PostAsJsonAsync("/api/staff/sign-in", new { userId = "nobody", password = "madoguchi-1" });
        foreach (var response in new[] { wrong, unknown })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        var a = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        var b = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        a.GetProperty("title").GetString().ShouldBe(b.GetProperty("title").GetString());
        a.GetProperty("detail").GetString().ShouldBe(b.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"password":"madoguchi-1"}""", "userId")]
    [InlineData("""{"userId":"  ","password":"madoguchi-1"}""", "userId")]
    [InlineData("""{"userId":"sato"}""", "password")]
    [InlineData("""{"userId":"sato","password":""}""", "password")]
    [InlineData("", "userId")]
    public async Task A_missing_field_is_a_400_naming_it(string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await _http.PostAsync("/api/staff/sign-in", content);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task Without_a_token_staff_endpoints_answer_401_problem_details()
    {
        var response = await _http.GetAsync("/api/staff/me");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().ShouldBe("Staff sign-in required");
    }

    [Fact]
    public async Task A_forged_token_is_a_401_invalid_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/me");
        var token = await host.TokenAsync("sato", "madoguchi-1");
        var at = token.LastIndexOf('.') + 5;
        var forged = string.Concat(token.AsSpan(0, at), token[at] == 'A' ? "B" : "A", token.AsSpan(at + 1));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        var response = await _http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().ShouldBe("Staff token invalid");
    }

    [Fact]
    public async Task A_role_below_the_policy_gets_403_problem_details()
    {
        using var counter = new HttpRequestMessage(HttpMethod.Get, "/test/supervisor-only");
        counter.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await host.TokenAsync("sato", "madoguchi-1"));
        var response = await _http.SendAsync(counter);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var supervisor = new HttpRequestMessage(HttpMethod.Get, "/test/supervisor-only");
        supervisor.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await host.TokenAsync("tanaka", "kanri-1"));
        (await _http.SendAsync(supervisor)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_query_string_token_counts_only_under_hubs()
    {
        var token = Uri.EscapeDataString(await host.TokenAsync("sato", "madoguchi-1"));
        (await _http.GetStringAsync($"/hubs/whoami?access_token={token}")).ShouldBe("sato");
        (await _http.GetStringAsync($"/test/whoami?access_token={token}")).ShouldBe("anonymous");
        (await _http.GetStringAsync("/hubs/whoami")).ShouldBe("anonymous");
    }

    public sealed class Host : IAsyncLifetime
    {
        private WebApplication? _app;

        public HttpClient Http { get; private set; } = null!;

        public async Task<string> TokenAsync(string userId, string password)
        {
            var response = await Http.PostAsJsonAsync("/api/staff/sign-in", new { userId, password });
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration["Staff:File"] = StaffFiles.Demo;
            builder.Logging.ClearProviders();
            builder.Services.AddProblemDetails();
            builder.AddStaffAuthentication();

            _app = builder.Build();
            _app.UseAuthentication();
            _app.UseAuthorization();
            _app.MapStaffApi();
            _app.MapGet("/test/supervisor-only", () => "ok").RequireAuthorization(StaffPolicies.Supervisor);
            _app.MapGet("/test/whoami", WhoAmI);
            _app.MapGet("/hubs/whoami", WhoAmI);
            await _app.StartAsync();
            Http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }

        private static string WhoAmI(ClaimsPrincipal user) =>
            StaffAccess.IsInRoleAtLeast(user, StaffRoles.Counter) ? StaffAccess.StaffId(user) : "anonymous";
    }
}
