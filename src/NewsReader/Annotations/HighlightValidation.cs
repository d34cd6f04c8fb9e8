using NewsReader.Articles;

namespace NewsReader.Annotations;

/// <summary>
/// Checks a requested highlight against the stored text. Errors are keyed by the request field
/// they are about (<c>start.anchor</c>, <c>end.offset</c>, <c>exact</c>…) for problem details.
/// </summary>
public static class HighlightValidation
{
    public const int MaxQuoteLength = 50_000;

    /// <summary>
    /// The range in <paramref name="text"/> (offsets in its plain text) that the request names,
    /// trimmed of the blank lines between blocks at either end; null when anything is wrong.
    /// </summary>
    public static (int Start, int End)? Range(ArticleText text, Position? start, Position? end, string? exact, Dictionary<string, string[]> errors)
    {
        var from = Point(text, start, "start", errors);
        var to = Point(text, end, "end", errors);
        if (string.IsNullOrEmpty(exact))
        {
            errors["exact"] = ["Give the exact text of the highlight (the quote)."];
        }

        if (from is not { } s || to is not { } e)
        {
            return null;
        }

        if (e <= s)
        {
            errors["end"] = ["The end must come after the start."];
            return null;
        }

        if (e - s > MaxQuoteLength)
        {
            errors["end"] = [Format($"A highlight can hold at most {MaxQuoteLength:N0} characters; this one has {e - s:N0}.")];
            return null;
        }

        if (exact is not null && !string.Equals(text.Slice(s, e), exact, StringComparison.Ordinal))
        {
            errors["exact"] = ["Does not match the article's text between start and end (the article may have changed; reload the page)."];
            return null;
        }

        var range = text.ToRange(s, e);
        var (trimmedStart, trimmedEnd) = (text.Offset(range.Start), text.Offset(range.End));
        if (trimmedEnd <= trimmedStart)
        {
            errors["exact"] = ["The range holds no article text."];
            return null;
        }

        return errors.Count > 0 ? null : (trimmedStart, trimmedEnd);
    }

    private static int? Point(ArticleText text, Position? position, string name, Dictionary<string, string[]> errors)
    {
        if (position is null || string.IsNullOrEmpty(position.Anchor))
        {
            errors[name] = [$"Give the {name} as a block anchor and an offset."];
            return null;
        }

        if (text.BlockIndex(position.Anchor) is not { } block)
        {
            errors[$"{name}.anchor"] = [$"No block with anchor '{position.Anchor}' in this article (it may have changed since the page loaded; reload the page)."];
            return null;
        }

        var blockText = text.Blocks[block].Text;
        if (position.Offset < 0 || position.Offset > blockText.Length)
        {
            errors[$"{name}.offset"] = [Format($"Offset {position.Offset} is outside block '{position.Anchor}' (0 to {blockText.Length}).")];
            return null;
        }

        if (position.Offset > 0 && position.Offset < blockText.Length && char.IsLowSurrogate(blockText[position.Offset]))
        {
            errors[$"{name}.offset"] = [Format($"Offset {position.Offset} splits a character in block '{position.Anchor}'.")];
            return null;
        }

        return text.BlockStart(block) + position.Offset;
    }

    public static void Details(string color, string? note, IReadOnlyList<string>? tags, Dictionary<string, string[]> errors)
    {
        if (!HighlightRules.IsColor(color))
        {
            errors["color"] = [$"Unknown colour '{color}'; use one of {string.Join(", ", HighlightRules.Colors)}."];
        }

        if (note is { Length: > HighlightRules.MaxNoteLength })
        {
            errors["note"] = [HighlightRules.NoteTooLong(note.Length)];
        }
        else if (NoteMarkdown.Problem(note) is { } problem)
        {
            errors["note"] = [problem];
        }

        var normalized = HighlightRules.NormalizeTags(tags);
        if (HighlightRules.TagProblem(normalized) is { } tagProblem)
        {
            errors["tags"] = [tagProblem];
        }
    }

    /// <summary>The earliest creation date a highlight can claim: before the web, there were none.</summary>
    public static readonly DateTime EarliestCreatedAt = new(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Clocks disagree a little; a date this far ahead of the server's is still "now".</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>A client-given creation date (an Undo gives the original back): not in the future, not before 1990.</summary>
    public static void CreatedAt(DateTime? createdAt, DateTime now, Dictionary<string, string[]> errors)
    {
        if (createdAt?.ToUniversalTime() is not { } created)
        {
            return;
        }

        if (created > now + ClockSkew)
        {
            errors["createdAt"] = [Format($"createdAt {created:yyyy-MM-ddTHH:mm:ssZ} is in the future (the server's time is {now:yyyy-MM-ddTHH:mm:ssZ}).")];
        }
        else if (created < EarliestCreatedAt)
        {
            errors["createdAt"] = [Format($"createdAt {created:yyyy-MM-ddTHH:mm:ssZ} is before 1990; give the date the highlight was made.")];
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
