namespace NewsReader.Search;

/// <summary>Where words must match: anywhere, or only in notes, quotes or articles (<c>in:</c>).</summary>
public enum SearchScope
{
    All,
    Notes,
    Quotes,
    Articles,
}

/// <summary>What <c>is:</c> asks of an article, from the reader's own reading state (Library/).</summary>
public enum ArticleState
{
    Unread,
    Archived,
    Favorite,
}

/// <summary>
/// A word or a quoted phrase, as the words the index holds: runs of letters and digits, lower
/// case (the index folds diacritics and stems; the same tokenizer reads the query).
/// <see cref="Prefix"/>: its last word may be the start of a longer one (<c>negotiat*</c>).
/// </summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool Prefix = false)
{
    public override string ToString() => (Words.Count == 1 ? Words[0] : "\"" + string.Join(' ', Words) + "\"") + (Prefix ? "*" : "");
}

/// <summary>
/// A parsed search (<see cref="SearchQuery.Parse"/>). <see cref="Clauses"/> must all match; each
/// clause is one term or several joined by <c>OR</c>. <see cref="Excluded"/> terms must not match.
/// The filters narrow what the words find, or stand alone (<c>tag:climate</c>).
/// </summary>
public sealed record SearchQuery(
    IReadOnlyList<IReadOnlyList<SearchTerm>> Clauses,
    IReadOnlyList<SearchTerm> Excluded,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Colors,
    SearchScope Scope,
    IReadOnlyList<SearchTerm> Authors,
    IReadOnlyList<SearchTerm> Sources,
    DateOnly? Before,
    DateOnly? After,
    IReadOnlyList<ArticleState> States)
{
    /// <summary>The longest search accepted, in characters.</summary>
    public const int MaxLength = 1_000;

    /// <summary>The most words, phrases and filters one search may have.</summary>
    public const int MaxTerms = 32;

    public static readonly SearchQuery Empty = new([], [], [], [], SearchScope.All, [], [], null, null, []);

    /// <summary>Nothing to search for: no words, no exclusions, no filters.</summary>
    public bool IsEmpty => Clauses.Count == 0 && Excluded.Count == 0 && !HasFilters;

    public bool HasFilters => Tags.Count > 0 || Colors.Count > 0 || Scope != SearchScope.All || Authors.Count > 0 || Sources.Count > 0
        || Before is not null || After is not null || States.Count > 0;

    /// <summary>Filters that only highlights have: articles never match them (a tag is on articles too).</summary>
    public bool OnlyHighlights => Colors.Count > 0 || Scope is SearchScope.Notes or SearchScope.Quotes;

    /// <summary>
    /// Reads what a reader typed. Never fails on odd input: stray quotes, lone operators and
    /// symbols are read as plainly as possible. The result is null, with a message naming the
    /// problem, only for what cannot be meant any other way: a search over <see cref="MaxLength"/>
    /// characters or <see cref="MaxTerms"/> terms, a filter without a value, an unknown
    /// <c>in:</c>, a date that is not YYYY-MM-DD, a filter with a minus.
    /// </summary>
    public static (SearchQuery? Query, string? Problem) Parse(string? input)
    {
        input ??= "";
        if (input.Length > MaxLength)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"The search is too long ({input.Length:N0} characters); the most is {MaxLength:N0}."));
        }

        var parser = new Parser(input);
        return parser.Run();
    }

    /// <summary>The search written back in its own language, normalised (for links and the page's heading).</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        parts.AddRange(Clauses.Select(c => string.Join(" OR ", c.Select(t => t.ToString()))));
        parts.AddRange(Excluded.Select(t => "-" + t));
        parts.AddRange(Tags.Select(t => "tag:" + Quote(t)));
        parts.AddRange(Colors.Select(c => "color:" + Quote(c)));
        if (Scope != SearchScope.All)
        {
            parts.Add("in:" + Scope.ToString().ToLowerInvariant());
        }

        parts.AddRange(Authors.Select(a => "author:" + Quote(string.Join(' ', a.Words))));
        parts.AddRange(Sources.Select(s => "source:" + Quote(string.Join(' ', s.Words))));
        if (Before is { } before)
        {
            parts.Add("before:" + before.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (After is { } after)
        {
            parts.Add("after:" + after.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        parts.AddRange(States.Select(s => "is:" + s.ToString().ToLowerInvariant()));

        return string.Join(' ', parts);

        static string Quote(string value) => value.Contains(' ', StringComparison.Ordinal) ? "\"" + value + "\"" : value;
    }

    /// <summary>
    /// Splits text into the words the index holds: maximal runs of letters, digits and combining
    /// marks (as SQLite's unicode61 tokenizer does), lower-cased. Everything else separates.
    /// </summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    /// <summary>One pass over the input: words, "phrases", -exclusions, OR, word*, key:value filters.</summary>
    private sealed class Parser(string input)
    {
        private static readonly string[] FilterKeys = ["tag", "color", "colour", "in", "is", "author", "source", "before", "after"];

        private readonly List<List<SearchTerm>> _clauses = [];
        private readonly List<SearchTerm> _excluded = [];
        private readonly List<string> _tags = [];
        private readonly List<string> _colors = [];
        private readonly List<SearchTerm> _authors = [];
        private readonly List<SearchTerm> _sources = [];
        private readonly List<ArticleState> _states = [];
        private SearchScope _scope = SearchScope.All;
        private DateOnly? _before;
        private DateOnly? _after;
        private int _position;
        private int _terms;
        private bool _orPending;
        private string? _problem;

        public (SearchQuery? Query, string? Problem) Run()
        {
            while (_problem is null && SkipSpace())
            {
                ReadItem();
            }

            if (_problem is null && _terms > MaxTerms)
            {
                _problem = string.Create(CultureInfo.InvariantCulture, $"The search has too many terms ({_terms}); the most is {MaxTerms}.");
            }

            return _problem is not null
                ? (null, _problem)
                : (new SearchQuery(_clauses, _excluded, _tags.Distinct(StringComparer.Ordinal).ToList(), _colors.Distinct(StringComparer.Ordinal).ToList(),
                    _scope, _authors, _sources, _before, _after, _states.Distinct().Order().ToList()), null);
        }

        private bool SkipSpace()
        {
            while (_position < input.Length && (char.IsWhiteSpace(input[_position]) || char.IsControl(input[_position])))
            {
                _position++;
            }

            return _position < input.Length;
        }

        private bool AtSeparator(int at) => at >= input.Length || char.IsWhiteSpace(input[at]) || char.IsControl(input[at]);

        private void ReadItem()
        {
            var negated = false;
            if (input[_position] == '-' && !AtSeparator(_position + 1))
            {
                negated = true;
                _position++;
            }

            if (input[_position] == '"')
            {
                var phrase = ReadQuoted();
                AddTerm(new SearchTerm(Words(phrase), ReadStar()), negated);
                return;
            }

            var start = _position;
            while (!AtSeparator(_position) && input[_position] != '"')
            {
                if (input[_position] == ':' && FilterKeys.Contains(input[start.._position].ToLowerInvariant()))
                {
                    var key = input[start.._position].ToLowerInvariant();
                    _position++;
                    ReadFilter(key, negated);
                    return;
                }

                _position++;
            }

            var word = input[start.._position];
            if (!negated && word == "OR")
            {
                _orPending = _clauses.Count > 0;
                return;
            }

            var prefix = word.EndsWith('*');
            AddTerm(new SearchTerm(Words(word), prefix), negated);
        }

        /// <summary>From an opening quote to the closing one, or to the end when there is none.</summary>
        private string ReadQuoted()
        {
            _position++;
            var end = input.IndexOf('"', _position);
            var text = end < 0 ? input[_position..] : input[_position..end];
            _position = end < 0 ? input.Length : end + 1;
            return text;
        }

        private bool ReadStar()
        {
            if (_position < input.Length && input[_position] == '*')
            {
                _position++;
                return true;
            }

            return false;
        }

        private void AddTerm(SearchTerm term, bool negated)
        {
            if (term.Words.Count == 0)
            {
                return;                                              // only symbols: nothing the index could hold
            }

            _terms++;
            if (negated)
            {
                _excluded.Add(term);
                _orPending = false;
            }
            else if (_orPending)
            {
                _clauses[^1].Add(term);
                _orPending = false;
            }
            else
            {
                _clauses.Add([term]);
            }
        }

        private void ReadFilter(string key, bool negated)
        {
            string value;
            if (_position < input.Length && input[_position] == '"')
            {
                value = ReadQuoted();
            }
            else
            {
                var start = _position;
                while (!AtSeparator(_position))
                {
                    _position++;
                }

                value = input[start.._position];
            }

            value = value.Trim();
            _terms++;
            _orPending = false;
            if (negated)
            {
                _problem = $"A filter cannot be excluded (-{key}:); exclude words instead, like -word.";
                return;
            }

            if (value.Length == 0)
            {
                _problem = $"{key}: needs a value, like {Example(key)}.";
                return;
            }

            switch (key)
            {
                case "tag":
                    _tags.Add(value.TrimStart('#').ToLowerInvariant());
                    break;
                case "color" or "colour":
                    _colors.Add(value.ToLowerInvariant());
                    break;
                case "in":
                    _scope = value.ToLowerInvariant() switch
                    {
                        "notes" or "note" => SearchScope.Notes,
                        "quotes" or "quote" or "highlights" => SearchScope.Quotes,
                        "articles" or "article" => SearchScope.Articles,
                        _ => _scope,
                    };
                    if (_scope == SearchScope.All)
                    {
                        _problem = $"in:{value} is not a place to search; use in:notes, in:quotes or in:articles.";
                    }

                    break;
                case "is":
                    ArticleState? state = value.ToLowerInvariant() switch
                    {
                        "unread" => ArticleState.Unread,
                        "archived" => ArticleState.Archived,
                        "favorite" or "favourite" or "favorites" or "favourites" => ArticleState.Favorite,
                        _ => null,
                    };
                    if (state is null)
                    {
                        _problem = $"is:{value} is not a reading state; use is:unread, is:archived or is:favorite.";
                        return;
                    }

                    _states.Add(state.Value);
                    break;
                case "author" or "source":
                    var words = Words(value);
                    if (words.Count == 0)
                    {
                        _problem = $"{key}: needs a name, like {Example(key)}.";
                        return;
                    }

                    (key == "author" ? _authors : _sources).Add(new SearchTerm(words));
                    break;
                default:                                              // before, after
                    if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        _problem = $"{key}:{value} is not a date; write it as YYYY-MM-DD, like {Example(key)}.";
                        return;
                    }

                    if (key == "before")
                    {
                        _before = date;
                    }
                    else
                    {
                        _after = date;
                    }

                    break;
            }
        }

        private static string Example(string key) => key switch
        {
            "tag" => "tag:climate",
            "color" or "colour" => "color:yellow",
            "in" => "in:notes",
            "is" => "is:unread",
            "author" => "author:\"Ana Ruiz\"",
            "source" => "source:Reuters",
            "before" => "before:2024-01-31",
            _ => "after:2024-01-01",
        };
    }
}
