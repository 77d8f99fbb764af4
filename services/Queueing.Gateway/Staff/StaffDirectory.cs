using System.Text.Json;
using System.Text.RegularExpressions;

namespace Queueing.Gateway.Staff;

/// <summary>A staff account. <see cref="Offices"/> holds office ids or patterns (<c>t*</c>, <c>*</c>).</summary>
public sealed record StaffMember(string Id, string Name, string Role, IReadOnlyList<string> Offices, string PasswordHash)
{
    /// <summary>Never print the hash, not even in a debugger or a log of the record.</summary>
    public override string ToString() => $"StaffMember {{ Id = {Id}, Name = {Name}, Role = {Role}, Offices = [{string.Join(", ", Offices)}] }}";
}

/// <summary>The staff accounts of this deployment, loaded once at start from <c>deploy/staff.json</c> and validated.</summary>
public sealed partial class StaffDirectory
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, StaffMember> _staff;

    public StaffDirectory(IEnumerable<StaffMember> staff) => _staff = staff.ToDictionary(s => s.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<StaffMember> All => _staff.Values;

    public StaffMember? Find(string? id) => id is null ? null : _staff.GetValueOrDefault(id);

    public static StaffDirectory Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new StaffConfigurationException("Staff:File", $"the staff file '{path}' does not exist");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static StaffDirectory Parse(string json, string source = "staff.json")
    {
        StaffFile? file;
        try
        {
            file = JsonSerializer.Deserialize<StaffFile>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new StaffConfigurationException(ex.Path ?? "$", $"{source} is not valid JSON: {ex.Message}");
        }

        if (file?.Staff is not { Count: > 0 } staff)
        {
            throw new StaffConfigurationException("staff", "at least one staff account is required");
        }

        var result = new List<StaffMember>();
        for (var i = 0; i < staff.Count; i++)
        {
            result.Add(Validate(staff[i], $"staff[{i}]"));
        }

        var duplicate = result.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new StaffConfigurationException("staff[].id", $"staff id '{duplicate.Key}' appears more than once");
        }

        return new StaffDirectory(result);
    }

    /// <summary>
    /// <c>Staff:File</c>, else deploy/staff.json found upward from the working, app or content directory
    /// (as the office file is found).
    /// </summary>
    public static string FilePath(IConfiguration configuration, string? contentRoot = null)
    {
        var configured = configuration["Staff:File"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var starts = new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, contentRoot };
        foreach (var start in starts.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "deploy", "staff.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "deploy", "staff.json");
    }

    private static StaffMember Validate(StaffDto? dto, string at)
    {
        if (dto is null)
        {
            throw new StaffConfigurationException(at, "must be an object");
        }

        var id = Require(dto.Id, $"{at}.id");
        if (!IdPattern().IsMatch(id))
        {
            throw new StaffConfigurationException($"{at}.id", $"'{id}' must be 1-32 lowercase letters, digits, '.', '_' or '-'");
        }

        var name = Require(dto.Name, $"{at}.name");
        var role = Require(dto.Role, $"{at}.role");
        if (!StaffRoles.IsKnown(role))
        {
            throw new StaffConfigurationException($"{at}.role", $"'{role}' is not a role: use one of {string.Join(", ", StaffRoles.All)}");
        }

        if (dto.Offices is not { Count: > 0 } offices)
        {
            throw new StaffConfigurationException($"{at}.offices", "at least one office id or pattern is required");
        }

        for (var i = 0; i < offices.Count; i++)
        {
            var office = offices[i];
            if (office is null || !OfficePattern().IsMatch(office))
            {
                throw new StaffConfigurationException($"{at}.offices[{i}]",
                    $"'{office}' must be an office id (1-32 lowercase letters, digits or '-'), an id prefix ending in '*' such as 't*', or '*'");
            }
        }

        var hash = Require(dto.PasswordHash, $"{at}.passwordHash");
        if (!PasswordHasher.IsWellFormed(hash))
        {
            throw new StaffConfigurationException($"{at}.passwordHash",
                $"must be '{PasswordHasher.Algorithm}$<iterations>$<salt base64>$<hash base64>' with at least {PasswordHasher.MinimumIterations} iterations and a 16-byte salt (see services/Queueing.Gateway/Staff/README.md)");
        }

        return new StaffMember(id, name, role, offices.Select(o => o!).Distinct(StringComparer.Ordinal).ToArray(), hash);
    }

    private static string Require(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new StaffConfigurationException(field, "is required") : value;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,31}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^(\\*|[a-z0-9-]{1,32}\\*?)$")]
    private static partial Regex OfficePattern();

    private sealed record StaffFile(List<StaffDto?>? Staff);

    private sealed record StaffDto(string? Id, string? Name, string? Role, List<string?>? Offices, string? PasswordHash);
}

public sealed class StaffConfigurationException(string field, string problem)
    : Exception($"Staff configuration error at '{field}': {problem}")
{
    public string Field { get; } = field;
}
