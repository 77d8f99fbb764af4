using System.Text.Json.Nodes;

namespace Queueing.Testing;

/// <summary>
/// The office file tests use: the real deploy/offices.json plus copies of its demo office under the ids
/// t001…t200, so each test works in an office of its own without resetting Redis.
/// </summary>
public static class TestOffices
{
    public const int Copies = 200;

    /// <summary>An office with twelve counters serving both queues.</summary>
    public const string BigOffice = "tbig";

    private static readonly Lazy<string> Path = new(Write);

    public static string File => Path.Value;

    public static string Id(int n) => n is >= 1 and <= Copies ? $"t{n:000}" : throw new ArgumentOutOfRangeException(nameof(n));

    private static string Write()
    {
        var root = JsonNode.Parse(System.IO.File.ReadAllText(RepoPaths.OfficesFile))!;
        var offices = root["offices"]!.AsArray();
        var demo = offices.First(o => (string?)o!["id"] == "demo")!;
        for (var i = 1; i <= Copies; i++)
        {
            var copy = demo.DeepClone();
            copy["id"] = Id(i);
            offices.Add(copy);
        }

        // A big office for concurrency tests: twelve counters serving both queues.
        var big = demo.DeepClone();
        big["id"] = BigOffice;
        var counters = new JsonArray();
        for (var c = 1; c <= 12; c++)
        {
            counters.Add(new JsonObject
            {
                ["number"] = c.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["name"] = new JsonObject { ["ja"] = $"{c}番窓口", ["en"] = $"Counter {c}" },
                ["queues"] = new JsonArray("A", "B"),
            });
        }

        big["counters"] = counters;
        offices.Add(big);

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"matanai-offices-{Environment.ProcessId}.json");
        System.IO.File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
