namespace Queueing.LineEmulator.Messaging;

/// <summary>
/// Validated messages: 1–5 non-empty texts, plus the quick-reply buttons of the last message (LINE shows quick
/// replies only when the last message of a request carries them).
/// </summary>
public sealed record ValidMessages(IReadOnlyList<string> Texts, IReadOnlyList<QuickReplyButton>? QuickReply);

/// <summary>A push that passed validation.</summary>
public sealed record ValidPush(string To, IReadOnlyList<string> Texts, bool NotificationDisabled, IReadOnlyList<QuickReplyButton>? QuickReply = null);

/// <summary>A reply that passed validation (the token itself is checked afterwards, against the issued tokens).</summary>
public sealed record ValidReply(string ReplyToken, IReadOnlyList<string> Texts, bool NotificationDisabled, IReadOnlyList<QuickReplyButton>? QuickReply);

/// <summary>Applies the message rules the emulator enforces, with LINE's wording and property paths.</summary>
public static class PushValidator
{
    public const int MaxMessages = 5;
    public const int MaxTextLength = 5000;
    public const int MaxQuickReplyItems = 13;
    public const int MaxQuickReplyLabelLength = 20;
    public const int MaxQuickReplyTextLength = 300;

    public static IReadOnlyList<LineErrorDetail> Validate(PushRequest request, out ValidPush? push)
    {
        var errors = new List<LineErrorDetail>();
        if (string.IsNullOrWhiteSpace(request.To))
        {
            errors.Add(new("Must be specified", "to"));
        }

        var messages = ValidateMessages(request.Messages, errors);
        push = errors.Count == 0
            ? new ValidPush(request.To!, messages.Texts, request.NotificationDisabled ?? false, messages.QuickReply)
            : null;
        return errors;
    }

    public static IReadOnlyList<LineErrorDetail> Validate(ReplyRequest request, out ValidReply? reply)
    {
        var errors = new List<LineErrorDetail>();
        if (string.IsNullOrWhiteSpace(request.ReplyToken))
        {
            errors.Add(new("Must be specified", "replyToken"));
        }

        var messages = ValidateMessages(request.Messages, errors);
        reply = errors.Count == 0
            ? new ValidReply(request.ReplyToken!, messages.Texts, request.NotificationDisabled ?? false, messages.QuickReply)
            : null;
        return errors;
    }

    private static ValidMessages ValidateMessages(IReadOnlyList<PushMessage?>? messages, List<LineErrorDetail> errors)
    {
        var texts = new List<string>();
        IReadOnlyList<QuickReplyButton>? quickReply = null;
        if (messages is null)
        {
            errors.Add(new("Must be specified", "messages"));
        }
        else if (messages.Count is < 1 or > MaxMessages)
        {
            errors.Add(new($"Size must be between 1 and {MaxMessages}", "messages"));
        }
        else
        {
            for (var i = 0; i < messages.Count; i++)
            {
                var buttons = ValidateMessage(messages[i], $"messages[{i}]", errors, texts);
                if (i == messages.Count - 1)
                {
                    quickReply = buttons;
                }
            }
        }

        return new ValidMessages(texts, quickReply);
    }

    private static IReadOnlyList<QuickReplyButton>? ValidateMessage(PushMessage? message, string path, List<LineErrorDetail> errors, List<string> texts)
    {
        if (message is null)
        {
            errors.Add(new("Must be specified", path));
            return null;
        }

        if (message.Type is null)
        {
            errors.Add(new("Must be specified", $"{path}.type"));
            return null;
        }

        if (message.Type != "text")
        {
            // The real platform accepts many more types; the emulator only renders text.
            errors.Add(new("Must be one of the following values: [text]", $"{path}.type"));
            return null;
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

        return message.QuickReply is null ? null : ValidateQuickReply(message.QuickReply, $"{path}.quickReply", errors);
    }

    private static List<QuickReplyButton>? ValidateQuickReply(QuickReply quickReply, string path, List<LineErrorDetail> errors)
    {
        var items = quickReply.Items;
        if (items is null)
        {
            errors.Add(new("Must be specified", $"{path}.items"));
            return null;
        }

        if (items.Count is < 1 or > MaxQuickReplyItems)
        {
            errors.Add(new($"Size must be between 1 and {MaxQuickReplyItems}", $"{path}.items"));
            return null;
        }

        var buttons = new List<QuickReplyButton>();
        var before = errors.Count;
        for (var j = 0; j < items.Count; j++)
        {
            var itemPath = $"{path}.items[{j}]";
            var item = items[j];
            if (item is null)
            {
                errors.Add(new("Must be specified", itemPath));
            }
            else if (item.Type != "action")
            {
                errors.Add(new("Must be one of the following values: [action]", $"{itemPath}.type"));
            }
            else if (item.Action is null)
            {
                errors.Add(new("Must be specified", $"{itemPath}.action"));
            }
            else if (item.Action.Type != "message")
            {
                // Real LINE also has postback, uri, datetimepicker, camera, cameraRoll, location and clipboard actions.
                errors.Add(new("Must be one of the following values: [message]", $"{itemPath}.action.type"));
            }
            else
            {
                CheckLength(item.Action.Label, MaxQuickReplyLabelLength, $"{itemPath}.action.label", errors);
                CheckLength(item.Action.Text, MaxQuickReplyTextLength, $"{itemPath}.action.text", errors);
                buttons.Add(new QuickReplyButton(item.Action.Label ?? "", item.Action.Text ?? ""));
            }
        }

        return errors.Count == before ? buttons : null;
    }

    private static void CheckLength(string? value, int max, string property, List<LineErrorDetail> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new("May not be empty", property));
        }
        else if (value.Length > max)
        {
            errors.Add(new($"Length must be between 0 and {max}", property));
        }
    }
}
