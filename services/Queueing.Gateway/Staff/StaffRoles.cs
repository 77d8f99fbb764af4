namespace Queueing.Gateway.Staff;

/// <summary>Staff roles, each including the ones below it: admin ⊇ supervisor ⊇ counter.</summary>
public static class StaffRoles
{
    public const string Counter = "counter";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    /// <summary>Every role, lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Counter, Supervisor, Admin];

    public static bool IsKnown(string? role) => Rank(role) > 0;

    /// <summary>1 for counter, 2 for supervisor, 3 for admin, 0 for anything else.</summary>
    public static int Rank(string? role) => role switch
    {
        Counter => 1,
        Supervisor => 2,
        Admin => 3,
        _ => 0,
    };
}

/// <summary>Authorization policy names: <c>RequireAuthorization(StaffPolicies.Counter)</c> admits any staff member.</summary>
public static class StaffPolicies
{
    /// <summary>Any signed-in staff member (counter, supervisor or admin).</summary>
    public const string Counter = "staff:counter";

    /// <summary>Supervisors and admins.</summary>
    public const string Supervisor = "staff:supervisor";

    /// <summary>Admins only.</summary>
    public const string Admin = "staff:admin";
}

/// <summary>Claim types of a staff token and of the principal built from it.</summary>
public static class StaffClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>One claim per office pattern of the account: an office id, <c>t*</c> (prefix) or <c>*</c> (all).</summary>
    public const string Office = "office";
}
