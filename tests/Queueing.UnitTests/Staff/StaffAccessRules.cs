using System.Security.Claims;
using Queueing.Gateway.Staff;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Staff;

public sealed class StaffAccessRules
{
    [Theory]
    [InlineData("demo", "demo", true)]
    [InlineData("demo", "demo2", false)]
    [InlineData("demo", "dem", false)]
    [InlineData("t*", "t001", true)]
    [InlineData("t*", "t200", true)]
    [InlineData("t*", "t", true)]
    [InlineData("t*", "demo", false)]
    [InlineData("t*", "T001", false)]
    [InlineData("*", "demo", true)]
    [InlineData("*", "t001", true)]
    [InlineData("*", "", false)]
    public void Office_patterns_match_exact_ids_prefixes_and_everything(string pattern, string officeId, bool expected) =>
        StaffAccess.OfficeMatches(pattern, officeId).ShouldBe(expected);

    [Fact]
    public void Staff_may_act_only_in_their_offices()
    {
        var sato = User("sato", StaffRoles.Counter, "demo", "t*");
        StaffAccess.MayActIn(sato, "demo").ShouldBeTrue();
        StaffAccess.MayActIn(sato, "t042").ShouldBeTrue();
        StaffAccess.MayActIn(sato, "north").ShouldBeFalse();
        StaffAccess.MayActIn(sato, "").ShouldBeFalse();

        var admin = User("admin", StaffRoles.Admin, "*");
        StaffAccess.MayActIn(admin, "north").ShouldBeTrue();
    }

    [Theory]
    [InlineData("counter", "counter", true)]
    [InlineData("counter", "supervisor", false)]
    [InlineData("counter", "admin", false)]
    [InlineData("supervisor", "counter", true)]
    [InlineData("supervisor", "supervisor", true)]
    [InlineData("supervisor", "admin", false)]
    [InlineData("admin", "counter", true)]
    [InlineData("admin", "supervisor", true)]
    [InlineData("admin", "admin", true)]
    [InlineData("resident", "counter", false)]
    public void Roles_are_ordered_admin_over_supervisor_over_counter(string role, string required, bool expected) =>
        StaffAccess.IsInRoleAtLeast(User("x", role, "demo"), required).ShouldBe(expected);

    [Fact]
    public void An_unknown_required_role_is_a_programming_error() =>
        Should.Throw<ArgumentException>(() => StaffAccess.IsInRoleAtLeast(User("x", StaffRoles.Admin, "*"), "boss"));

    [Fact]
    public void The_staff_id_is_the_subject()
    {
        StaffAccess.StaffId(User("tanaka", StaffRoles.Supervisor, "demo")).ShouldBe("tanaka");
    }

    [Fact]
    public void Anonymous_or_foreign_identities_are_never_staff()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        StaffAccess.MayActIn(anonymous, "demo").ShouldBeFalse();
        StaffAccess.IsInRoleAtLeast(anonymous, StaffRoles.Counter).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => StaffAccess.StaffId(anonymous));

        // Claims that look right but come from another scheme (a resident's cookie, a display) do not count.
        var foreign = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(StaffClaims.Subject, "x"), new Claim(StaffClaims.Role, StaffRoles.Admin), new Claim(StaffClaims.Office, "*")], "Cookies"));
        StaffAccess.MayActIn(foreign, "demo").ShouldBeFalse();
        StaffAccess.IsInRoleAtLeast(foreign, StaffRoles.Counter).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => StaffAccess.StaffId(foreign));
    }

    internal static ClaimsPrincipal User(string id, string role, params string[] offices) =>
        new(StaffAuthentication.Identity(new StaffMember(id, id, role, offices, "unused")));
}
