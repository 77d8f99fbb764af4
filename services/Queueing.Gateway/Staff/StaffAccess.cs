using System.Security.Claims;

namespace Queueing.Gateway.Staff;

/// <summary>What a signed-in staff member may do. Endpoints answer 403 ProblemDetails when these say no.</summary>
public static class StaffAccess
{
    /// <summary>
    /// True when <paramref name="user"/> is authenticated staff whose office claims cover <paramref name="officeId"/>:
    /// the exact id, a prefix pattern such as <c>t*</c>, or <c>*</c>.
    /// </summary>
    public static bool MayActIn(ClaimsPrincipal user, string officeId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !string.IsNullOrEmpty(officeId)
            && StaffIdentity(user) is { } staff
            && staff.FindAll(StaffClaims.Office).Any(c => OfficeMatches(c.Value, officeId));
    }

    /// <summary>The staff id (the token's <c>sub</c>). Throws when the user is not signed-in staff.</summary>
    public static string StaffId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return StaffIdentity(user)?.FindFirst(StaffClaims.Subject)?.Value is { Length: > 0 } id
            ? id
            : throw new InvalidOperationException("The request is not signed in as staff: require StaffPolicies.Counter on the endpoint.");
    }

    /// <summary>True when the user's role is <paramref name="role"/> or above it (admin ⊇ supervisor ⊇ counter).</summary>
    public static bool IsInRoleAtLeast(ClaimsPrincipal user, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        var required = StaffRoles.Rank(role);
        if (required == 0)
        {
            throw new ArgumentException($"'{role}' is not a staff role ({string.Join(", ", StaffRoles.All)})", nameof(role));
        }

        return StaffIdentity(user) is { } staff && staff.FindAll(StaffClaims.Role).Any(c => StaffRoles.Rank(c.Value) >= required);
    }

    /// <summary>Whether an office pattern (<c>demo</c>, <c>t*</c>, <c>*</c>) covers <paramref name="officeId"/>.</summary>
    public static bool OfficeMatches(string pattern, string officeId)
    {
        if (string.IsNullOrEmpty(pattern) || string.IsNullOrEmpty(officeId))
        {
            return false;
        }

        return pattern.EndsWith('*')
            ? officeId.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, officeId, StringComparison.Ordinal);
    }

    /// <summary>The identity the staff token produced; claims of any other identity (or of none) never count.</summary>
    private static ClaimsIdentity? StaffIdentity(ClaimsPrincipal user) =>
        user.Identities.FirstOrDefault(i => i.IsAuthenticated && string.Equals(i.AuthenticationType, StaffAuthentication.Scheme, StringComparison.Ordinal));
}
