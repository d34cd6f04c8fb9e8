namespace NewsReader.Anchoring;

/// <summary>
/// The tuned numbers of re-anchoring, in one place (README.md says how they were chosen): what
/// <see cref="Reanchorer"/> accepts when it maps a highlight through the diff of two revisions
/// (step 2), and what <see cref="QuoteSearch"/> accepts when it searches the new text for the
/// quote (step 3). Changing one moves the balance between orphans and misplaced highlights that
/// the anchoring tests and the bench's corpus hold.
/// </summary>
public static class AnchorThresholds
{
    #region Step 3: which candidates count, how they are ranked, and by how much the winner must lead

    public const double ContextWeight = 0.5;

    /// <summary>
    /// Bonus for exact context around an exact match (full at <see cref="LongQuote"/> extra
    /// characters). Trigram similarity forgives shifts, so for a one-word quote the next word
    /// along scores nearly as well; exact context does not.
    /// </summary>
    public const double ExtentWeight = 0.25;

    public const double PositionWeight = 0.05;

    /// <summary>The winner's score must beat every other candidate's by this much, or the quote is ambiguous.</summary>
    public const double Margin = 0.1;

    /// <summary>At most this share of a quote's (normalised) characters may differ in a candidate.</summary>
    public const double MaxErrorRatio = 0.2;

    #endregion

    #region Step 3: the context an exact match needs, by its length

    /// <summary>
    /// An exact match whose extent (the quote plus the context that matches exactly around it) is
    /// at least this long is accepted without further context: a moved sentence.
    /// </summary>
    public const int LongQuote = 40;

    /// <summary>Exact matches shorter than <see cref="LongQuote"/> but at least this long need some context.</summary>
    public const int MediumQuote = 16;

    public const double MediumQuoteContext = 0.35;

    /// <summary>Exact context a quote shorter than <see cref="MediumQuote"/> needs on each side to count as medium.</summary>
    public const int ShortQuoteExactSide = 4;

    #endregion

    #region Step 2: a highlight mapped through the diff of the two revisions

    /// <summary>Step 2 accepts a mapped text this far (edits / quote length, normalised) from the quote when the context agrees.</summary>
    public const double MaxEditRatio = 0.2;

    /// <summary>Step 2's context check: the better of prefix and suffix similarity must reach this.</summary>
    public const double MappedContext = 0.5;

    /// <summary>The same, for a medium-length quote whose every character the diff aligned.</summary>
    public const double AlignedContext = 0.35;

    #endregion

    #region Step 3: the context short exact matches and approximate ones need

    /// <summary>Short exact quotes, and all approximate ones, need this much context (mean of prefix and suffix).</summary>
    public const double StrongContext = 0.65;

    /// <summary>Short approximate quotes need nearly intact context.</summary>
    public const double ShortApproximateContext = 0.75;

    #endregion

    #region Step 3: text that was someone else's

    /// <summary>A step 3 candidate is someone else's text when this share of it was already in the old revision elsewhere.</summary>
    public const double ForeignShare = 0.5;

    #endregion

    #region Step 3: a highlight that moved with its sentence

    /// <summary>Characters of its own sentence besides the quote that a moved, edited highlight needs to have brought along.</summary>
    public const int MovedSentenceContext = 16;

    #endregion
}
