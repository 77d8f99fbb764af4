namespace Queueing.Testing;

/// <summary>Paths inside the repository, found from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string OfficesFile => Path.Combine(Root, "deploy", "offices.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Queueing.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Queueing.sln not found above " + AppContext.BaseDirectory);
    }
}
