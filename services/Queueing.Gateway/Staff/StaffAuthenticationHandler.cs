using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Queueing.Gateway.Staff;

public sealed class StaffAuthenticationOptions : AuthenticationSchemeOptions;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;staff token&gt;</c> (or <c>?access_token=</c> on <c>/hubs/</c>, since
/// browsers cannot send headers on WebSockets). The principal is built from the staff directory, so an account
/// removed from the file stops working at the next start even with a token still unexpired. 401 and 403 are
/// answered as ProblemDetails.
/// </summary>
public sealed class StaffAuthenticationHandler(
    IOptionsMonitor<StaffAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    StaffTokens tokens,
    StaffDirectory directory)
    : AuthenticationHandler<StaffAuthenticationOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = tokens.Validate(token, Scheme.Name, out var failure);
        if (identity is null)
        {
            return Task.FromResult(AuthenticateResult.Fail(failure ?? "the token is invalid"));
        }

        var staff = directory.Find(identity.FindFirst(StaffClaims.Subject)?.Value);
        if (staff is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("the staff account no longer exists"));
        }

        // ExpiresUtc lets SignalR close a staff connection when its token runs out (CloseOnAuthenticationExpiration).
        var properties = new AuthenticationProperties();
        if (long.TryParse(identity.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp))
        {
            properties.ExpiresUtc = DateTimeOffset.FromUnixTimeSeconds(exp);
        }

        var principal = new ClaimsPrincipal(StaffAuthentication.Identity(staff, Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, properties, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (Response.HasStarted)
        {
            return;
        }

        var invalid = result.Failure is not null;
        Response.Headers.WWWAuthenticate = invalid ? "Bearer error=\"invalid_token\"" : "Bearer";
        await TypedResults.Problem(
            title: invalid ? "Staff token invalid" : "Staff sign-in required",
            detail: invalid
                ? "職員トークンが無効か期限切れです。もう一度サインインしてください。 The staff token is invalid or has expired: sign in again."
                : "この操作には職員のサインインが必要です。 This action needs a staff token: sign in at POST /api/staff/sign-in and send it as 'Authorization: Bearer <token>'.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (Response.HasStarted)
        {
            return;
        }

        await TypedResults.Problem(
            title: "Not allowed",
            detail: "この操作を行う権限がありません。 Your staff role does not allow this action.",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }

    private string? ReadToken()
    {
        string authorization = Request.Headers.Authorization.ToString();
        if (!string.IsNullOrEmpty(authorization))
        {
            return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
                ? authorization[BearerPrefix.Length..].Trim()
                : null;
        }

        if (Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase))
        {
            var fromQuery = Request.Query["access_token"].ToString();
            return string.IsNullOrEmpty(fromQuery) ? null : fromQuery;
        }

        return null;
    }
}
