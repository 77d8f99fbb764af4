using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Queueing.Gateway.Staff;

/// <summary>Registers staff sign-in: the staff directory, token authentication and the staff policies.</summary>
public static class StaffAuthentication
{
    /// <summary>The authentication scheme (the same name JwtBearer uses).</summary>
    public const string Scheme = "Bearer";

    public const string SigningKeySetting = "Auth:SigningKey";
    public const string TokenHoursSetting = "Auth:TokenHours";
    public const double DefaultTokenHours = 12;

    /// <summary>
    /// Loads and validates the staff file (<c>Staff:File</c>, else deploy/staff.json found upward), registers
    /// <see cref="StaffDirectory"/>, <see cref="StaffTokens"/>, the bearer scheme (default for authenticate,
    /// challenge and forbid) and the policies <see cref="StaffPolicies.Counter"/>, <see cref="StaffPolicies.Supervisor"/>
    /// and <see cref="StaffPolicies.Admin"/>. Without <c>Auth:SigningKey</c> a random key is made at start (and a
    /// warning logged): tokens then die with the process and are not shared between instances.
    /// </summary>
    public static IHostApplicationBuilder AddStaffAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = StaffDirectory.Load(StaffDirectory.FilePath(builder.Configuration, builder.Environment.ContentRootPath));
        var (key, generated) = SigningKey(builder.Configuration);
        var lifetime = TokenLifetime(builder.Configuration);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(directory);
        builder.Services.AddSingleton(sp => new StaffTokens(key, lifetime, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService(sp => new StaffAuthenticationStartup(
            directory, generated, lifetime, sp.GetRequiredService<ILogger<StaffAuthenticationStartup>>()));

        builder.Services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddScheme<StaffAuthenticationOptions, StaffAuthenticationHandler>(Scheme, "Staff token", _ => { });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Counter, p => RoleAtLeast(p, StaffRoles.Counter))
            .AddPolicy(StaffPolicies.Supervisor, p => RoleAtLeast(p, StaffRoles.Supervisor))
            .AddPolicy(StaffPolicies.Admin, p => RoleAtLeast(p, StaffRoles.Admin));
        return builder;
    }

    /// <summary>The claims of a signed-in staff member: sub, name, role and one office claim per office pattern.</summary>
    public static ClaimsIdentity Identity(StaffMember staff, string authenticationType = Scheme)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var claims = new List<Claim>
        {
            new(StaffClaims.Subject, staff.Id),
            new(StaffClaims.Name, staff.Name),
            new(StaffClaims.Role, staff.Role),
        };
        claims.AddRange(staff.Offices.Select(o => new Claim(StaffClaims.Office, o)));
        return new ClaimsIdentity(claims, authenticationType, StaffClaims.Name, StaffClaims.Role);
    }

    /// <summary>
    /// <c>Auth:SigningKey</c>: at least 32 bytes, as text (UTF-8) or as <c>base64:&lt;key&gt;</c>. Missing: a random key.
    /// </summary>
    public static (byte[] Key, bool Generated) SigningKey(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[SigningKeySetting];
        if (string.IsNullOrEmpty(configured))
        {
            return (RandomNumberGenerator.GetBytes(StaffTokens.MinimumKeyBytes), true);
        }

        byte[] key;
        if (configured.StartsWith("base64:", StringComparison.Ordinal))
        {
            try
            {
                key = Convert.FromBase64String(configured["base64:".Length..]);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"{SigningKeySetting} starts with 'base64:' but the rest is not base64");
            }
        }
        else
        {
            key = Encoding.UTF8.GetBytes(configured);
        }

        return key.Length >= StaffTokens.MinimumKeyBytes
            ? (key, false)
            : throw new InvalidOperationException($"{SigningKeySetting} must be at least {StaffTokens.MinimumKeyBytes} bytes (for example 'base64:' and the output of 'openssl rand -base64 32')");
    }

    /// <summary><c>Auth:TokenHours</c> (default 12), more than 0 and at most 168.</summary>
    public static TimeSpan TokenLifetime(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[TokenHoursSetting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return TimeSpan.FromHours(DefaultTokenHours);
        }

        return double.TryParse(configured, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && hours > 0 && hours <= 168
            ? TimeSpan.FromHours(hours)
            : throw new InvalidOperationException($"{TokenHoursSetting} must be a number of hours above 0 and at most 168, not '{configured}'");
    }

    private static void RoleAtLeast(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, string role) => policy
        .AddAuthenticationSchemes(Scheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(c => StaffAccess.IsInRoleAtLeast(c.User, role));
}

/// <summary>Says at start how many staff accounts were loaded, and warns when the signing key is temporary.</summary>
internal sealed class StaffAuthenticationStartup(StaffDirectory directory, bool generatedKey, TimeSpan lifetime, ILogger<StaffAuthenticationStartup> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Loaded {StaffCount} staff accounts; staff tokens last {TokenHours} h", directory.All.Count, lifetime.TotalHours);
        if (generatedKey)
        {
            logger.LogWarning(
                "{Setting} is not set: staff tokens are signed with a random key made at start. They stop working when this process restarts and are not accepted by other gateway instances. Set it (at least 32 bytes) in production.",
                StaffAuthentication.SigningKeySetting);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
