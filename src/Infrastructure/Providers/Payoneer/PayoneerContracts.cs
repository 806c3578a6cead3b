using System.Text.Json.Serialization;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>Most Payoneer replies wrap their payload in "result".</summary>
internal sealed record PayoneerResult<T>(T? Result);

internal sealed record TokenReply(string? AccessToken, string? TokenType, int? ExpiresIn);

internal sealed record RegistrationLinkRequest(string PayeeId, Uri RedirectUrl, bool AlreadyHaveAnAccount);

internal sealed record RegistrationLinkReply(Uri? RegistrationLink, string? Token);

internal sealed record PayeeStatusReply([property: JsonConverter(typeof(JsonLenientStringConverter))] string? AccountId, PayeeStatus? Status);

internal sealed record PayeeStatus(int? Type, string? Description);

internal sealed record MassPayoutRequest(IReadOnlyList<MassPayoutItem> Payments);

internal sealed record MassPayoutItem(
    string ClientReferenceId,
    string PayeeId,
    [property: JsonConverter(typeof(JsonNumberTextConverter))] string Amount,
    string Currency,
    string Description);

/// <summary>masspayouts answers {"result": "Payments Created"}: the result is a plain string there.</summary>
internal sealed record MassPayoutReply(string? Result);

internal sealed record PayoutStatusReply(
    string? Status,
    [property: JsonConverter(typeof(JsonLenientStringConverter))] string? PayoutId,
    [property: JsonConverter(typeof(JsonLenientStringConverter))] string? ReasonCode,
    string? ReasonDescription);
