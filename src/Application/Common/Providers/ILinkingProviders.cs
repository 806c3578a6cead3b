using Payouts.Domain.Payouts;

namespace Payouts.Application.Common.Providers;

/// <summary>
/// A provider whose account is linked by sending the user to it and back (PayPal log-in, Payoneer
/// registration). <paramref name="callbackUrl"/> is our HTTP endpoint the provider returns the user to;
/// <paramref name="state"/> is our signed, expiring correlation value and must come back unchanged.
/// </summary>
public interface IRedirectLinkProvider
{
    Provider Provider { get; }

    /// <summary>The URL the user follows. <paramref name="accountId"/> is our id for the user at the provider, where the provider needs one.</summary>
    Task<ProviderResult<Uri>> StartLinkAsync(string accountId, Uri callbackUrl, string state, CancellationToken cancellationToken);

    /// <summary>Finishes the link from the callback's query; returns the account to pay to, or null if the provider says it is not ready yet.</summary>
    Task<ProviderResult<LinkedAccount>> CompleteLinkAsync(string accountId, IReadOnlyDictionary<string, string> callbackQuery, Uri callbackUrl, CancellationToken cancellationToken);
}

/// <param name="AccountId">What payouts are sent to (PayPal payer_id, Payoneer payee id).</param>
/// <param name="Ready">False while the provider still reviews the account: it stays pending.</param>
public sealed record LinkedAccount(string AccountId, bool Ready);

/// <summary>A provider that can release a linked account (Payoneer).</summary>
public interface IUnlinkProvider
{
    Provider Provider { get; }

    Task<ProviderResult<bool>> UnlinkAsync(string accountId, CancellationToken cancellationToken);
}

/// <summary>Tipalti: payees are created through its API from the data the user gives us.</summary>
public interface IPayeeRegistry
{
    Provider Provider { get; }

    Task<ProviderResult<bool>> PayeeExistsAsync(string payeeId, CancellationToken cancellationToken);

    Task<ProviderResult<bool>> UpsertPayeeAsync(PayeeDetails payee, CancellationToken cancellationToken);
}

/// <summary>Seed 000's Tipalti payee fields.</summary>
public sealed record PayeeDetails(
    string PayeeId,
    PayeeType PayeeType,
    string? FirstName,
    string? LastName,
    string? CompanyName,
    string Email,
    PayeeAddress Address,
    string? Phone);

/// <summary>Seed 000's Tipalti payee types, spelled on the wire as these names ("Individual" when none is given).</summary>
public enum PayeeType
{
    Individual,
    Company,
}

public sealed record PayeeAddress(string Street1, string? Street2, string City, string? State, string? Zip, string Country);
