using System.Text.Json.Nodes;

namespace Queueing.Testing;

/// <summary>
/// The office file tests use: the real deploy/offices.json plus copies of its demo office under the ids
/// t001…t200, so each test works in an office of its own without resetting Redis.
/// </summary>
public static class TestOffices
{
    public const int Copies = 200;

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

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"matanai-offices-{Environment.ProcessId}.json");
        System.IO.File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
