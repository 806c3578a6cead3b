using System.Globalization;
using Payouts.Application.Common;
using Payouts.Domain.Common;
using static Payouts.Application.Common.OptionalText;

namespace Payouts.Application.Payouts.Queries.ListPayouts;

/// <summary>Seed 002's parameter rules, each violation naming the parameter; valid parameters parse into the filter and cursor.</summary>
internal sealed class ListPayoutsQueryValidator : IValidator<ListPayoutsQuery, ListPayoutsCriteria>
{
    public const int MaxLimit = PayoutLimits.MaxListLimit;

    public Result<ListPayoutsCriteria> Parse(ListPayoutsQuery query)
    {
        var violations = new List<FieldViolation>();
        if (query.Limit is < 1 or > MaxLimit)
        {
            violations.Add(new FieldViolation("limit", $"is required, between 1 and {MaxLimit}"));
        }

        if (!OffsetCursor.TryDecode(query.Offset, out var beforeId))
        {
            violations.Add(new FieldViolation("offset", "must be the offset of a previous page"));
        }

        var start = DateOf(violations, "startDate", query.StartDate);
        var end = DateOf(violations, "endDate", query.EndDate);
        if (start is not null && end < start)
        {
            violations.Add(new FieldViolation("endDate", "must not be before startDate"));
        }

        var ids = new List<long>(query.Ids.Count);
        foreach (var text in query.Ids)
        {
            if (!PublicPayoutIds.TryParse(text, out var id))
            {
                violations.Add(new FieldViolation("ids", $"'{Truncated(text)}' is not a payout id (pay_...)"));
                break;
            }

            ids.Add(id);
        }

        if (query.Statuses.Any(s => !Enum.IsDefined(s)))
        {
            violations.Add(new FieldViolation("statuses", "contains an unknown status"));
        }

        if (violations.Count > 0)
        {
            return Error.Validation("payouts.invalid_query", $"Invalid parameters: {string.Join(", ", violations.Select(v => v.Field))}", [.. violations]);
        }

        var filter = new PayoutFilter(start, end, ids, query.InvertIds, query.Statuses, query.InvertStatuses, query.RefIds, NullIfEmpty(query.OnBehalfOfId));
        return new ListPayoutsCriteria(filter, beforeId);
    }

    /// <summary>The date, or null when none was given or it is not one (then with its violation).</summary>
    private static DateOnly? DateOf(List<FieldViolation> violations, string field, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        violations.Add(new FieldViolation(field, "must be a date as YYYY-MM-DD (UTC)"));
        return null;
    }

    private static string Truncated(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>What valid ListPayouts parameters parse into.</summary>
/// <param name="BeforeId">The offset's cursor: the page starts below this payout id; null for the first page.</param>
internal sealed record ListPayoutsCriteria(PayoutFilter Filter, long? BeforeId);
