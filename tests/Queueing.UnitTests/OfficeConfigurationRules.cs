using System.Text.Json.Nodes;
using Queueing.ServiceDefaults.Offices;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests;

public sealed class OfficeConfigurationRules
{
    [Fact]
    public void The_demo_office_loads_with_two_queues_three_counters_and_real_procedures()
    {
        var demo = OfficeCatalog.Load(TestFiles.Offices).Find("demo")!;
        demo.Queues.Count.ShouldBeGreaterThanOrEqualTo(2);
        demo.Counters.Count.ShouldBeGreaterThanOrEqualTo(3);
        demo.Procedures.Select(p => p.Name.Ja).ShouldContain("住民票の写し");
        demo.Procedures.Select(p => p.Name.Ja).ShouldContain("転入届");
        demo.Procedures.Select(p => p.Name.Ja).ShouldContain("印鑑登録");
        demo.Procedures.ShouldAllBe(p => p.Bring.Count > 0);
        demo.TimeZone.ShouldBe("Asia/Tokyo");
    }

    [Theory]
    [InlineData("offices[0].procedures[0].queue", "$.offices[0].procedures[0].queue", "Z")]
    [InlineData("offices[0].counters[0].queues", "$.offices[0].counters[0].queues[0]", "Z")]
    [InlineData("offices[0].procedures[0].minutes", "$.offices[0].procedures[0].minutes", 0)]
    [InlineData("offices[0].queues[0].id", "$.offices[0].queues[0].id", "a")]
    [InlineData("offices[0].timeZone", "$.offices[0].timeZone", "Mars/Olympus")]
    [InlineData("offices[0].openingHours[0].open", "$.offices[0].openingHours[0].open", "8:3")]
    [InlineData("offices[0].name.en", "$.offices[0].name.en", "")]
    public void A_bad_file_names_the_field_at_fault(string field, string path, object value)
    {
        var json = Modify(path, value);
        var error = Should.Throw<OfficeConfigurationException>(() => OfficeCatalog.Parse(json));
        error.Field.ShouldBe(field);
        error.Message.ShouldContain(field);
    }

    [Fact]
    public void Duplicate_counter_numbers_are_refused()
    {
        var root = JsonNode.Parse(File.ReadAllText(TestFiles.Offices))!;
        root["offices"]![0]!["counters"]![1]!["number"] = "1";
        Should.Throw<OfficeConfigurationException>(() => OfficeCatalog.Parse(root.ToJsonString())).Field.ShouldBe("offices[0].counters[].number");
    }

    [Fact]
    public void Invalid_json_is_refused_with_its_position() =>
        Should.Throw<OfficeConfigurationException>(() => OfficeCatalog.Parse("{\"offices\": [")).Message.ShouldContain("not valid JSON");

    private static string Modify(string path, object value)
    {
        var root = JsonNode.Parse(File.ReadAllText(TestFiles.Offices))!;
        var parts = path.TrimStart('$', '.').Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.');
        JsonNode node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = int.TryParse(parts[i], out var index) ? node[index]! : node[parts[i]]!;
        }

        var last = parts[^1];
        JsonNode? newValue = value switch { int n => JsonValue.Create(n), string s => JsonValue.Create(s), _ => null };
        if (int.TryParse(last, out var idx))
        {
            node[idx] = newValue;
        }
        else
        {
            node[last] = newValue;
        }

        return root.ToJsonString();
    }
}
