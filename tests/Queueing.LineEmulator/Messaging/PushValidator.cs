namespace Queueing.LineEmulator.Messaging;

/// <summary>A push that passed validation: recipient plus 1–5 non-empty texts.</summary>
public sealed record ValidPush(string To, IReadOnlyList<string> Texts, bool NotificationDisabled);

/// <summary>Applies the push-message rules the emulator enforces, with LINE's wording and property paths.</summary>
public static class PushValidator
{
    public const int MaxMessages = 5;
    public const int MaxTextLength = 5000;

    public static IReadOnlyList<LineErrorDetail> Validate(PushRequest request, out ValidPush? push)
    {
        var errors = new List<LineErrorDetail>();

        if (string.IsNullOrWhiteSpace(request.To))
        {
            errors.Add(new("Must be specified", "to"));
        }

        var texts = new List<string>();
        if (request.Messages is null)
        {
            errors.Add(new("Must be specified", "messages"));
        }
        else if (request.Messages.Count is < 1 or > MaxMessages)
        {
            errors.Add(new($"Size must be between 1 and {MaxMessages}", "messages"));
        }
        else
        {
            for (var i = 0; i < request.Messages.Count; i++)
            {
                ValidateMessage(request.Messages[i], $"messages[{i}]", errors, texts);
            }
        }

        push = errors.Count == 0 ? new ValidPush(request.To!, texts, request.NotificationDisabled ?? false) : null;
        return errors;
    }

    private static void ValidateMessage(PushMessage? message, string path, List<LineErrorDetail> errors, List<string> texts)
    {
        if (message is null)
        {
            errors.Add(new("Must be specified", path));
            return;
        }

        if (message.Type is null)
        {
            errors.Add(new("Must be specified", $"{path}.type"));
            return;
        }

        if (message.Type != "text")
        {
            // The real platform accepts many more types; the emulator only renders text.
            errors.Add(new("Must be one of the following values: [text]", $"{path}.type"));
            return;
        }

        if (string.IsNullOrEmpty(message.Text))
        {
            errors.Add(new("May not be empty", $"{path}.text"));
        }
        else if (message.Text.Length > MaxTextLength)
        {
            errors.Add(new($"Length must be between 0 and {MaxTextLength}", $"{path}.text"));
        }
        else
        {
            texts.Add(message.Text);
        }
    }
}
