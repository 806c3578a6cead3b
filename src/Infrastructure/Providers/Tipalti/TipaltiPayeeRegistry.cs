using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.Tipalti;

/// <summary>
/// Seed 000's /cashout/link for Tipalti: the payee is created from the user's data under our idap.
/// Tipalti's UpdateOrCreatePayeeInfo is an upsert with no "already exists" answer, so existence is asked first
/// (GetPayeeDetails) to report the seed's <c>alreadyExists</c>.
/// </summary>
internal sealed class TipaltiPayeeRegistry(TipaltiSoapClient soap, IOptions<TipaltiOptions> options) : IPayeeRegistry
{
    private static readonly XNamespace Ns = TipaltiSoapClient.Tipalti;

    public Provider Provider => Provider.Tipalti;

    public async Task<ProviderResult<bool>> PayeeExistsAsync(string payeeId, CancellationToken cancellationToken)
    {
        if (TipaltiPayeeRules.CheckIdap(payeeId) is { } invalid)
        {
            return new ProviderFailure(false, invalid.Code, invalid.Rule);
        }

        var call = await soap.CallAsync(new TipaltiSoapRequest(TipaltiService.PayeeFunctions, "GetPayeeDetails", payeeId, null, [], RetrySafe: true), cancellationToken);
        return call switch
        {
            TipaltiCall.Answered { IsOk: true } => true,
            TipaltiCall.Answered { ErrorCode: TipaltiErrorCodes.PayeeUnknown } => false,
            TipaltiCall.Answered answer => TipaltiCall.FailureOf(answer),
            TipaltiCall.Failed failed => failed.Failure,
            _ => throw new InvalidOperationException("Unhandled Tipalti call result."),
        };
    }

    /// <returns>True if the payee already existed (it was updated), false if it was created.</returns>
    public async Task<ProviderResult<bool>> UpsertPayeeAsync(PayeeDetails payee, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payee);
        if (TipaltiPayeeRules.Check(payee, options.Value, out var entityType) is { } invalid)
        {
            return new ProviderFailure(false, invalid.Code, invalid.Rule);
        }

        var existed = await PayeeExistsAsync(payee.PayeeId, cancellationToken);
        if (!existed.IsSuccess)
        {
            return existed;
        }

        var address = payee.Address;
        var item = new XElement(
            Ns + "item",
            Field("Idap", payee.PayeeId),
            Field("FirstName", payee.FirstName),
            Field("LastName", payee.LastName),
            Field("Street1", address.Street1),
            Field("Street2", address.Street2),
            Field("City", address.City),
            Field("State", address.State?.ToUpperInvariant()),
            Field("Zip", address.Zip),
            Field("Country", address.Country.ToUpperInvariant()),
            Field("Email", payee.Email),
            Field("Company", payee.CompanyName),
            Field("PayeeEntityType", entityType));

        // skipNulls: fields we do not send keep what the payee entered in Tipalti's own forms.
        // The call is an upsert keyed by idap, so repeating it is harmless.
        var request = new TipaltiSoapRequest(
            TipaltiService.PayeeFunctions,
            "UpdateOrCreatePayeeInfo",
            payee.PayeeId,
            Eat: address.Street1,
            [new XElement(Ns + "skipNulls", "true"), new XElement(Ns + "overridePayableCountry", "false"), item],
            RetrySafe: true);
        return await soap.CallAsync(request, cancellationToken) switch
        {
            TipaltiCall.Answered { IsOk: true } => existed.Value,
            TipaltiCall.Answered answer => TipaltiCall.FailureOf(answer),
            TipaltiCall.Failed failed => failed.Failure,
            _ => throw new InvalidOperationException("Unhandled Tipalti call result."),
        };
    }

    private static XElement? Field(string name, string? value) =>
        string.IsNullOrEmpty(value) ? null : new XElement(Ns + name, value);
}
