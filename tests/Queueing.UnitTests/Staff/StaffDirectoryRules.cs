using System.Text.Json.Nodes;
using Queueing.Gateway.Staff;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Staff;

public sealed class StaffDirectoryRules
{
    [Fact]
    public void The_demo_file_loads_and_every_demo_password_verifies()
    {
        var directory = StaffDirectory.Load(StaffFiles.Demo);
        foreach (var (id, password, role) in StaffFiles.DemoAccounts)
        {
            var staff = directory.Find(id).ShouldNotBeNull(id);
            staff.Role.ShouldBe(role);
            PasswordHasher.Verify(password, staff.PasswordHash).ShouldBeTrue(id);
            PasswordHasher.Verify(password + "x", staff.PasswordHash).ShouldBeFalse(id);
        }
    }

    [Theory]
    [InlineData("sato")]
    [InlineData("suzuki")]
    [InlineData("tanaka")]
    public void Demo_counter_and_supervisor_accounts_reach_the_demo_office_and_every_test_office(string id)
    {
        var user = new System.Security.Claims.ClaimsPrincipal(StaffAuthentication.Identity(StaffDirectory.Load(StaffFiles.Demo).Find(id)!));
        StaffAccess.MayActIn(user, "demo").ShouldBeTrue();
        StaffAccess.MayActIn(user, "t001").ShouldBeTrue();
        StaffAccess.MayActIn(user, "t200").ShouldBeTrue();
        StaffAccess.MayActIn(user, "other").ShouldBeFalse();
    }

    [Fact]
    public void The_demo_admin_reaches_every_office()
    {
        var user = new System.Security.Claims.ClaimsPrincipal(StaffAuthentication.Identity(StaffDirectory.Load(StaffFiles.Demo).Find("admin")!));
        StaffAccess.MayActIn(user, "anything").ShouldBeTrue();
        StaffAccess.IsInRoleAtLeast(user, StaffRoles.Admin).ShouldBeTrue();
    }

    [Theory]
    [InlineData("staff[2].role", "$.staff[2].role", "boss")]
    [InlineData("staff[2].role", "$.staff[2].role", "")]
    [InlineData("staff[0].id", "$.staff[0].id", "")]
    [InlineData("staff[0].id", "$.staff[0].id", "Sato San")]
    [InlineData("staff[1].name", "$.staff[1].name", " ")]
    [InlineData("staff[1].offices[0]", "$.staff[1].offices[0]", "DEMO")]
    [InlineData("staff[1].offices[1]", "$.staff[1].offices[1]", "t**")]
    [InlineData("staff[1].offices[1]", "$.staff[1].offices[1]", "*t")]
    [InlineData("staff[3].passwordHash", "$.staff[3].passwordHash", "admin-1")]
    [InlineData("staff[3].passwordHash", "$.staff[3].passwordHash", "pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$HU/MnrOH7oBw9baKvy89MpJBcY416acAoj+B5Y2fFEQ=")]
    public void A_bad_file_names_the_field_at_fault(string field, string path, string value)
    {
        var error = Should.Throw<StaffConfigurationException>(() => StaffDirectory.Parse(Modify(path, value)));
        error.Field.ShouldBe(field);
        error.Message.ShouldContain(field);
    }

    [Fact]
    public void Missing_offices_are_refused()
    {
        var root = JsonNode.Parse(File.ReadAllText(StaffFiles.Demo))!;
        root["staff"]![1]!["offices"] = new JsonArray();
        Should.Throw<StaffConfigurationException>(() => StaffDirectory.Parse(root.ToJsonString())).Field.ShouldBe("staff[1].offices");
        root["staff"]![1]!.AsObject().Remove("offices");
        Should.Throw<StaffConfigurationException>(() => StaffDirectory.Parse(root.ToJsonString())).Field.ShouldBe("staff[1].offices");
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        var root = JsonNode.Parse(File.ReadAllText(StaffFiles.Demo))!;
        root["staff"]![1]!["id"] = "sato";
        Should.Throw<StaffConfigurationException>(() => StaffDirectory.Parse(root.ToJsonString())).Field.ShouldBe("staff[].id");
    }

    [Fact]
    public void An_empty_or_invalid_file_is_refused()
    {
        Should.Throw<StaffConfigurationException>(() => StaffDirectory.Parse("""{"staff":[]}""")).Field.ShouldBe("staff");
        Should.Throw<StaffConfigurationException>(() => StaffDirectory.Parse("""{"staff": [""")).Message.ShouldContain("not valid JSON");
        Should.Throw<StaffConfigurationException>(() => StaffDirectory.Load("/nonexistent/staff.json")).Field.ShouldBe("Staff:File");
    }

    [Fact]
    public void A_staff_member_never_prints_its_hash()
    {
        var staff = StaffDirectory.Load(StaffFiles.Demo).Find("sato")!;
        staff.ToString().ShouldNotContain("pbkdf2");
    }

    private static string Modify(string path, string value)
    {
        var root = JsonNode.Parse(File.ReadAllText(StaffFiles.Demo))!;
        var parts = path.TrimStart('$', '.').Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = int.TryParse(parts[i], out var index) ? node[index]! : node[parts[i]]!;
        }

        var last = parts[^1];
        if (int.TryParse(last, out var at))
        {
            node[at] = value;
        }
        else
        {
            node[last] = value;
        }

        return root.ToJsonString();
    }
}
