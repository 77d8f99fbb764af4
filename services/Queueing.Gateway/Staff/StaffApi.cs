using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Queueing.Gateway.Http;

namespace Queueing.Gateway.Staff;

public sealed record SignInRequest(string? UserId, string? Password);

public sealed record StaffProfile(string Id, string Name, string Role, IReadOnlyList<string> Offices)
{
    public static StaffProfile From(StaffMember staff) => new(staff.Id, staff.Name, staff.Role, staff.Offices);
}

public sealed record SignInResponse(string Token, DateTimeOffset ExpiresAt, StaffProfile Staff);

/// <summary><c>POST /api/staff/sign-in</c> and <c>GET /api/staff/me</c>.</summary>
public static class StaffApi
{
    public const int MaxUserIdLength = 64;
    public const int MaxPasswordLength = 256;

    /// <summary>A failed sign-in takes at least this long, so failures are slow to try and all look alike.</summary>
    public static readonly TimeSpan FailureFloor = TimeSpan.FromMilliseconds(250);

    /// <summary>Verified for unknown users so they cost the same PBKDF2 work as a wrong password.</summary>
    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash(Guid.NewGuid().ToString("N")));

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff").WithTags("Staff");
        staff.MapPost("/sign-in", SignIn).WithName("StaffSignIn").AllowAnonymous()
            .WithSummary("Sign in as staff: returns a bearer token for the staff console, staff endpoints and hub methods.");
        staff.MapGet("/me", Me).WithName("StaffMe").RequireAuthorization(StaffPolicies.Counter)
            .WithSummary("The signed-in staff member: id, name, role and offices.");
        return app;
    }

    private static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> SignIn(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] SignInRequest? request,
        HttpContext http,
        StaffDirectory directory,
        StaffTokens tokens,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        if (string.IsNullOrWhiteSpace(request?.UserId))
        {
            return Problems.BadRequest("userId", "職員IDを入力してください。 userId is required.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            return Problems.BadRequest("password", "パスワードを入力してください。 password is required.");
        }

        if (request.UserId.Length > MaxUserIdLength)
        {
            return Problems.BadRequest("userId", $"職員IDが長すぎます。 userId must be at most {MaxUserIdLength} characters.");
        }

        if (request.Password.Length > MaxPasswordLength)
        {
            return Problems.BadRequest("password", $"パスワードが長すぎます。 password must be at most {MaxPasswordLength} characters.");
        }

        var logger = loggers.CreateLogger("Queueing.Gateway.Staff.SignIn");
        var started = Stopwatch.GetTimestamp();
        var userId = request.UserId.Trim().ToLowerInvariant();
        var member = directory.Find(userId);

        // Unknown users get the same PBKDF2 work as known ones: the answer and its timing do not tell which ids exist.
        var verified = PasswordHasher.Verify(request.Password, member?.PasswordHash ?? DummyHash.Value) && member is not null;
        var remote = http.Connection.RemoteIpAddress?.ToString();
        if (!verified || member is null)
        {
            logger.LogWarning("Staff sign-in failed for {StaffId} from {RemoteIp} at {At}", userId, remote, time.GetUtcNow());
            var remaining = FailureFloor - Stopwatch.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, time, http.RequestAborted);
            }

            return TypedResults.Problem(
                title: "Sign-in failed",
                detail: "職員IDまたはパスワードが正しくありません。 The staff id or password is incorrect.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        var issued = tokens.Issue(member);
        logger.LogInformation("Staff sign-in succeeded for {StaffId} ({Role}) from {RemoteIp} at {At}", member.Id, member.Role, remote, time.GetUtcNow());
        return TypedResults.Ok(new SignInResponse(issued.Token, issued.ExpiresAt, StaffProfile.From(member)));
    }

    private static Results<Ok<StaffProfile>, ProblemHttpResult> Me(ClaimsPrincipal user, StaffDirectory directory) =>
        directory.Find(StaffAccess.StaffId(user)) is { } member
            ? TypedResults.Ok(StaffProfile.From(member))
            : TypedResults.Problem(title: "Staff sign-in required", detail: "The staff account no longer exists.", statusCode: StatusCodes.Status401Unauthorized);
}
