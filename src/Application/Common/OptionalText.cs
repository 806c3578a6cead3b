namespace Payouts.Application.Common;

/// <summary>Proto3 strings cannot be null: an optional field the caller left out arrives as "".</summary>
internal static class OptionalText
{
    public static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
