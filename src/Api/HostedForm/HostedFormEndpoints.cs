using Microsoft.AspNetCore.Http.Features;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.ProvideRecipientDetails;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Application.Payouts.Queries.GetHostedForm;
using Payouts.Domain.Common;

namespace Payouts.Api.HostedForm;

/// <summary>
/// The hosted payout form at the payout's url: GET /checkin/{token} shows it, POST /checkin/{token} takes the
/// recipient's details and sends the browser back to the merchant (303) or thanks them. The token in the path
/// is the only credential, so it is never logged and never leaves in a Referer.
/// </summary>
public static partial class HostedFormEndpoints
{
    public const string Path = "/checkin/{token}";

    /// <summary>The form has a handful of short fields; anything bigger is not a browser filling it in.</summary>
    private static readonly FormOptions Limits = new() { ValueCountLimit = 32, KeyLengthLimit = 64, ValueLengthLimit = 1024, BufferBody = false };

    public static void MapHostedForm(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, ShowAsync);
        routes.MapPost(Path, SubmitAsync);
    }

    private static async Task<IResult> ShowAsync(string token, HttpContext http, IUseCases useCases)
    {
        var form = await useCases.AskAsync(new GetHostedFormQuery(token), http.RequestAborted);
        if (!form.IsSuccess)
        {
            return Closed(http, form.Error);
        }

        HostedFormHeaders.Apply(http.Response, form.Value.RedirectOrigin);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        return Html(StatusCodes.Status200OK, HostedFormPage.Form(form.Value, http.Request.Path.ToUriComponent(), CheckinCsrf.Issue(http), values, []));
    }

    private static async Task<IResult> SubmitAsync(string token, HttpContext http, IUseCases useCases, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger(typeof(HostedFormEndpoints));
        if (await ReadFormAsync(http) is not { } posted)
        {
            HostedFormHeaders.Apply(http.Response);
            return Html(StatusCodes.Status400BadRequest, HostedFormPage.Message("Payout details", "The form could not be read. Please open the link again."));
        }

        if (!CheckinCsrf.IsValid(http, posted))
        {
            CsrfRefused(log);
            HostedFormHeaders.Apply(http.Response);
            return Html(StatusCodes.Status403Forbidden, HostedFormPage.Message("Payout details",
                "This form has expired or was sent from another page. Please open the payout link again and resubmit."));
        }

        var form = await useCases.AskAsync(new GetHostedFormQuery(token), http.RequestAborted);
        if (!form.IsSuccess)
        {
            return Closed(http, form.Error);
        }

        HostedFormHeaders.Apply(http.Response, form.Value.RedirectOrigin);
        var values = HostedFormFields.Names.ToDictionary(name => name, name => posted[name].ToString().Trim(), StringComparer.Ordinal);
        var accepted = await useCases.SendAsync(CommandOf(token, values), http.RequestAborted);
        if (accepted.IsSuccess)
        {
            return accepted.Value.RedirectTo is { } target
                ? SeeOther(http, target)
                : Html(StatusCodes.Status200OK, HostedFormPage.Message("Thank you", "Thank you, your details were received. You can close this window."));
        }

        if (accepted.Error.Kind == ErrorKind.Validation)
        {
            return Html(StatusCodes.Status400BadRequest, HostedFormPage.Form(form.Value, http.Request.Path.ToUriComponent(), CheckinCsrf.Issue(http), values, accepted.Error.Violations));
        }

        return Closed(http, accepted.Error);
    }

    private static ProvideRecipientDetailsCommand CommandOf(string token, Dictionary<string, string> values) => new(
        token,
        values[HostedFormFields.Method],
        values[HostedFormFields.Country.Name],
        values[HostedFormFields.DocumentType.Name],
        values[HostedFormFields.DocumentId.Name],
        values[HostedFormFields.BeneficiaryName.Name],
        values[HostedFormFields.BeneficiaryLastName.Name],
        values[HostedFormFields.BankAccount.Name],
        values[HostedFormFields.AccountType.Name],
        values[HostedFormFields.Email.Name]);

    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType || http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        http.Features.Set<IFormFeature>(new FormFeature(http.Request, Limits));
        try
        {
            return await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // Over a limit: a malformed or hostile body, never what the page sends.
            return null;
        }
    }

    /// <summary>404 for a link that never was ours, 410 for one that was and no longer works, with the reason.</summary>
    private static IResult Closed(HttpContext http, Error error)
    {
        HostedFormHeaders.Apply(http.Response);
        if (error == HostedFormErrors.NotFound)
        {
            return Html(StatusCodes.Status404NotFound, HostedFormPage.Message("Link not found", error.Message));
        }

        if (HostedFormErrors.IsClosed(error))
        {
            return Html(StatusCodes.Status410Gone, HostedFormPage.Message("Link no longer available", error.Message));
        }

        // A storage conflict or the like: nothing was taken, so the recipient may try again.
        return Html(StatusCodes.Status503ServiceUnavailable, HostedFormPage.Message("Please try again", "Your details could not be saved just now. Please go back and submit again."));
    }

    /// <summary>303 makes the browser GET the merchant's page, whatever method brought it here.</summary>
    private static IResult SeeOther(HttpContext http, Uri target)
    {
        http.Response.Headers.Location = target.AbsoluteUri;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static IResult Html(int status, string page) => Results.Content(page, "text/html; charset=utf-8", statusCode: status);

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Hosted form submission refused: the CSRF cookie and field are missing or differ")]
    private static partial void CsrfRefused(ILogger logger);
}
