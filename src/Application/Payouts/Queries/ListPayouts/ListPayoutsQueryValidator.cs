using System.Globalization;
using Payouts.Application.Common;
using Payouts.Domain.Common;

namespace Payouts.Application.Payouts.Queries.ListPayouts;

/// <summary>Seed 002's parameter rules, each violation naming the parameter.</summary>
internal sealed class ListPayoutsQueryValidator : IValidator<ListPayoutsQuery>
{
    public const int MaxLimit = PayoutLimits.MaxListLimit;

    public Error? Validate(ListPayoutsQuery query)
    {
        var violations = new List<FieldViolation>();
        if (query.Limit is < 1 or > MaxLimit)
        {
            violations.Add(new FieldViolation("limit", $"is required, between 1 and {MaxLimit}"));
        }

        if (!OffsetCursor.IsValid(query.Offset))
        {
            violations.Add(new FieldViolation("offset", "must be the offset of a previous page"));
        }

        foreach (var (field, value) in new[] { ("startDate", query.StartDate), ("endDate", query.EndDate) })
        {
            if (value.Length > 0 && DateOf(value) is null)
            {
                violations.Add(new FieldViolation(field, "must be a date as YYYY-MM-DD (UTC)"));
            }
        }

        if (DateOf(query.StartDate) is { } start && DateOf(query.EndDate) is { } end && end < start)
        {
            violations.Add(new FieldViolation("endDate", "must not be before startDate"));
        }

        if (query.Ids.FirstOrDefault(id => !PublicPayoutIds.TryParse(id, out _)) is { } badId)
        {
            violations.Add(new FieldViolation("ids", $"'{Truncated(badId)}' is not a payout id (pay_...)"));
        }

        if (query.Statuses.Any(s => !Enum.IsDefined(s)))
        {
            violations.Add(new FieldViolation("statuses", "contains an unknown status"));
        }

        return violations.Count == 0
            ? null
            : Error.Validation("payouts.invalid_query", $"Invalid parameters: {string.Join(", ", violations.Select(v => v.Field))}", [.. violations]);
    }

    public static DateOnly? DateOf(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string Truncated(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
