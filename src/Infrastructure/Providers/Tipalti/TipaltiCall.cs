using System.Net;
using System.Xml.Linq;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.Tipalti;

/// <summary>What one SOAP call came to: Tipalti's answer, or why there is none (in both the read and the submit vocabulary).</summary>
internal abstract record TipaltiCall
{
    private TipaltiCall()
    {
    }

    /// <summary>A readable SOAP result; Tipalti puts its status name (not the number) in <c>errorCode</c>, "OK" on success.</summary>
    public sealed record Answered(string ErrorCode, string ErrorMessage, XElement Result) : TipaltiCall
    {
        public bool IsOk => ErrorCode == "OK";

        /// <summary>Safe to log and store: Tipalti's messages name the rule, not the data.</summary>
        public string Reason => $"{ErrorCode}: {ErrorMessage}";
    }

    /// <summary>No usable answer. <paramref name="Failure"/> for reads, <paramref name="Submit"/> for ProcessPayments.</summary>
    public sealed record Failed(ProviderFailure Failure, SubmitOutcome Submit) : TipaltiCall;

    public static Failed Exception(Exception exception) => new(ProviderCalls.FailureOf(exception), ProviderCalls.SubmitOutcomeOf(exception));

    public static Failed HttpStatus(HttpStatusCode status) => new(ProviderCalls.FailureOf(status), ProviderCalls.SubmitOutcomeOf(status));

    public static Failed Malformed() => new(
        new ProviderFailure(true, "malformed_reply", "Tipalti's reply could not be read."),
        new SubmitOutcome.Unknown("Tipalti's reply could not be read"));

    public static Failed Missing(string setting)
    {
        var message = $"Tipalti is not configured: Providers:Tipalti:{setting} is missing.";
        return new Failed(new ProviderFailure(false, "not_configured", message), new SubmitOutcome.NotSent(message));
    }

    public static Failed? NotConfigured(TipaltiOptions options) =>
        string.IsNullOrWhiteSpace(options.PayerName) ? Missing(nameof(options.PayerName))
        : string.IsNullOrWhiteSpace(options.MasterKey) ? Missing(nameof(options.MasterKey))
        : null;

    /// <summary>
    /// An errorCode other than OK, for a call that changed nothing. A refused key or payer is our configuration,
    /// not a passing fault: not transient, and said plainly so an operator fixes the credentials.
    /// </summary>
    public static ProviderFailure FailureOf(Answered answer) => answer.ErrorCode switch
    {
        TipaltiErrorCodes.EncryptionKeyFailedValidation or TipaltiErrorCodes.PayerUnknown => AuthFailure(answer),
        TipaltiErrorCodes.UnknownError or "" => new ProviderFailure(true, answer.ErrorCode is "" ? "malformed_reply" : answer.ErrorCode, answer.Reason),
        _ => new ProviderFailure(false, answer.ErrorCode, answer.Reason),
    };

    public static ProviderFailure AuthFailure(Answered answer) => new(
        false, answer.ErrorCode, $"Tipalti refused our credentials ({answer.ErrorCode}): check Providers:Tipalti:PayerName and MasterKey, and the server clock.");
}

/// <summary>The errorCode strings we act on (PROVIDERS.md §3.3: SOAP carries the status name, not its number).</summary>
internal static class TipaltiErrorCodes
{
    public const string Ok = "OK";
    public const string UnknownError = "UnknownError";
    public const string PayeeUnknown = "PayeeUnknown";
    public const string PayerUnknown = "PayerUnknown";
    public const string EncryptionKeyFailedValidation = "EncryptionKeyFailedValidation";
    public const string ParameterError = "ParameterError";
}
