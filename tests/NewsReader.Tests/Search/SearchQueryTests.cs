using NewsReader.Search;

namespace NewsReader.Tests.Search;

/// <summary>The query language as a reader types it: every operator, every filter, and input that is odd or hostile.</summary>
public sealed class SearchQueryTests
{
    private static SearchQuery Parse(string text)
    {
        var (query, problem) = SearchQuery.Parse(text);
        Assert.True(query is not null, $"'{text}' was refused: {problem}");
        return query;
    }

    private static string Problem(string text)
    {
        var (query, problem) = SearchQuery.Parse(text);
        Assert.Null(query);
        return Assert.IsType<string>(problem);
    }

    private static string[][] Clauses(SearchQuery query) =>
        query.Clauses.Select(c => c.Select(t => t.ToString()).ToArray()).ToArray();

    [Fact]
    public void Words_are_anded_and_lower_cased()
    {
        var query = Parse("Court  RULING");
        Assert.Equal([["court"], ["ruling"]], Clauses(query));
        Assert.Empty(query.Excluded);
        Assert.False(query.HasFilters);
    }

    [Fact]
    public void A_quoted_phrase_is_one_term_of_several_words()
    {
        var query = Parse("\"night ferry\" harbour");
        Assert.Equal(["night", "ferry"], query.Clauses[0][0].Words);
        Assert.Equal(["harbour"], query.Clauses[1][0].Words);
    }

    [Fact]
    public void An_unbalanced_quote_runs_to_the_end()
    {
        var query = Parse("ferry \"night service");
        Assert.Equal([["ferry"], ["\"night service\""]], Clauses(query));
    }

    [Fact]
    public void A_minus_excludes_a_word_or_a_phrase()
    {
        var query = Parse("ferry -strike -\"night shift\"");
        Assert.Equal([["ferry"]], Clauses(query));
        Assert.Equal(["strike", "\"night shift\""], query.Excluded.Select(t => t.ToString()));
    }

    [Fact]
    public void A_star_makes_the_last_word_a_prefix()
    {
        var query = Parse("negotiat* \"power pri\"*");
        Assert.True(query.Clauses[0][0].Prefix);
        Assert.Equal(["negotiat"], query.Clauses[0][0].Words);
        Assert.True(query.Clauses[1][0].Prefix);
        Assert.Equal(["power", "pri"], query.Clauses[1][0].Words);
    }

    [Fact]
    public void OR_joins_the_terms_either_side_and_binds_tighter_than_and()
    {
        var query = Parse("harbour ferry OR bridge toll");
        Assert.Equal([["harbour"], ["ferry", "bridge"], ["toll"]], Clauses(query));
    }

    [Theory]
    [InlineData("OR ferry")]
    [InlineData("ferry OR")]
    [InlineData("ferry OR OR")]
    [InlineData("OR")]
    public void A_lone_or_is_ignored(string text)
    {
        var query = Parse(text);
        Assert.All(query.Clauses, c => Assert.Single(c));
        Assert.DoesNotContain(query.Clauses.SelectMany(c => c), t => t.Words.Contains("or"));
    }

    [Fact]
    public void A_lower_case_or_is_a_word()
    {
        Assert.Equal([["ferry"], ["or"], ["bridge"]], Clauses(Parse("ferry or bridge")));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("\"\"")]
    [InlineData("&& || ! ( ) ^ : ;")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData("\0\0")]
    public void Only_symbols_or_nothing_is_an_empty_search(string text) => Assert.True(Parse(text).IsEmpty);

    [Theory]
    [InlineData("title:ferry", new[] { "title", "ferry" })]
    [InlineData("NEAR(ferry bridge)", new[] { "near", "ferry", "bridge" })]
    [InlineData("ferry^", new[] { "ferry" })]
    [InlineData("'; DROP TABLE Articles; --", new[] { "drop", "table", "articles" })]
    [InlineData("{title body}:x", new[] { "title", "body", "x" })]
    [InlineData("e-mail", new[] { "e", "mail" })]
    public void Engine_syntax_is_read_as_plain_words(string text, string[] words) =>
        Assert.Equal(words, Parse(text).Clauses.SelectMany(c => c).SelectMany(t => t.Words));

    [Fact]
    public void Nul_bytes_and_control_characters_separate_words()
    {
        Assert.Equal([["ferry"], ["bridge"]], Clauses(Parse("ferry\0bridge\u0007")));
    }

    [Fact]
    public void Letters_with_diacritics_and_other_scripts_stay_words()
    {
        Assert.Equal([["zürich"], ["café"], ["東京"], ["ελλάδα"]], Clauses(Parse("Zürich café 東京 Ελλάδα")));
    }

    [Fact]
    public void Filters_are_read_with_their_values()
    {
        var query = Parse("tag:Climate color:yellow in:notes author:\"Ana Ruiz\" source:Reuters before:2024-02-01 after:2024-01-01 ferry");
        Assert.Equal(["climate"], query.Tags);
        Assert.Equal(["yellow"], query.Colors);
        Assert.Equal(SearchScope.Notes, query.Scope);
        Assert.Equal(["ana", "ruiz"], query.Authors.Single().Words);
        Assert.Equal(["reuters"], query.Sources.Single().Words);
        Assert.Equal(new DateOnly(2024, 2, 1), query.Before);
        Assert.Equal(new DateOnly(2024, 1, 1), query.After);
        Assert.Equal([["ferry"]], Clauses(query));
        Assert.True(query.OnlyHighlights);
    }

    [Theory]
    [InlineData("in:quotes", SearchScope.Quotes)]
    [InlineData("in:articles", SearchScope.Articles)]
    [InlineData("IN:Notes", SearchScope.Notes)]
    public void In_names_where_words_must_be(string text, SearchScope scope) => Assert.Equal(scope, Parse(text).Scope);

    [Theory]
    [InlineData("is:unread", ArticleState.Unread)]
    [InlineData("IS:Archived", ArticleState.Archived)]
    [InlineData("is:favorite", ArticleState.Favorite)]
    [InlineData("is:favourites", ArticleState.Favorite)]
    public void Is_names_a_reading_state(string text, ArticleState state)
    {
        var query = Parse(text);
        Assert.Equal([state], query.States);
        Assert.False(query.IsEmpty);
        Assert.False(query.OnlyHighlights);
    }

    [Fact]
    public void Reading_states_are_written_back_in_one_order_once_each()
    {
        Assert.Equal("ferry is:unread is:favorite", Parse("is:favourite ferry is:unread is:favorite").ToString());
        Assert.Equal(Parse("is:favorite is:unread").ToString(), Parse("is:unread is:favorite").ToString());
    }

    [Theory]
    [InlineData("is:new", "is:new is not a reading state")]
    [InlineData("is:", "is: needs a value")]
    [InlineData("-is:unread", "cannot be excluded")]
    public void A_wrong_reading_state_is_named(string text, string message) =>
        Assert.Contains(message, Problem(text), StringComparison.Ordinal);

    [Fact]
    public void A_colour_may_be_a_quoted_meaning_and_a_tag_may_start_with_a_hash()
    {
        var query = Parse("color:\"Key Claim\" tag:#Energy");
        Assert.Equal(["key claim"], query.Colors);
        Assert.Equal(["energy"], query.Tags);
    }

    [Fact]
    public void A_word_with_a_colon_that_is_no_filter_is_its_words_as_a_phrase()
    {
        Assert.Equal([["\"10 30\""]], Clauses(Parse("10:30")));
        Assert.Equal([["\"https example com\""]], Clauses(Parse("https://example.com")));
        Assert.Equal([["\"e mail\""]], Clauses(Parse("e-mail")));
    }

    [Theory]
    [InlineData("tag:", "tag:")]
    [InlineData("author:\"\"", "author:")]
    [InlineData("author:!!", "author:")]
    [InlineData("in:everywhere", "in:everywhere")]
    [InlineData("before:yesterday", "before:yesterday")]
    [InlineData("after:2024-13-01", "after:2024-13-01")]
    [InlineData("-tag:climate", "-tag:")]
    public void A_filter_that_cannot_be_read_is_refused_with_its_name(string text, string named) =>
        Assert.Contains(named, Problem(text), StringComparison.Ordinal);

    [Fact]
    public void A_search_too_long_or_with_too_many_terms_is_refused_with_the_numbers()
    {
        Assert.Contains("5,000", Problem(new string('a', 5_000)), StringComparison.Ordinal);
        Assert.Contains("33", Problem(string.Join(' ', Enumerable.Range(0, 33).Select(i => "w" + i))), StringComparison.Ordinal);
        Assert.NotNull(SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 32).Select(i => "w" + i))).Query);
    }

    [Fact]
    public void A_parsed_search_reads_back_in_its_own_language()
    {
        var query = Parse("Ferry OR bridge \"night shift\" -strike negotiat* tag:climate in:notes before:2024-02-01");
        Assert.Equal("ferry OR bridge \"night shift\" negotiat* -strike tag:climate in:notes before:2024-02-01", query.ToString());
        Assert.Equal(query.ToString(), Parse(query.ToString()).ToString());
    }

    [Fact]
    public void Words_splits_as_the_index_does()
    {
        Assert.Equal(["don", "t", "stop", "3", "5"], SearchQuery.Words("Don't stop: 3.5"));
        Assert.Equal(["naïve", "x"], SearchQuery.Words("NAÏVE—x"));
    }
}
