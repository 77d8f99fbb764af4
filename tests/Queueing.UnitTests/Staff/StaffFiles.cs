namespace Queueing.UnitTests.Staff;

internal static class StaffFiles
{
    public static string Demo { get; } = Find(Path.Combine("deploy", "staff.json"));

    /// <summary>The demo accounts and passwords, as the README lists them.</summary>
    public static IReadOnlyList<(string Id, string Password, string Role)> DemoAccounts { get; } =
    [
        ("sato", "madoguchi-1", "counter"),
        ("suzuki", "madoguchi-2", "counter"),
        ("tanaka", "kanri-1", "supervisor"),
        ("admin", "admin-1", "admin"),
    ];

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }
}
