using System.Net;
using Payouts.Application.CashoutMethods.Commands.CompleteCashoutLink;
using Payouts.Application.Common.Messaging;
using Payouts.Domain.Common;

namespace Payouts.Api.Http;

/// <summary>
/// Where PayPal and Payoneer send the user back after linking: GET /cashout/link/callback/{provider}.
/// The user sees a plain page saying how it went; the signed state, not a session, says who they are.
/// </summary>
public static class LinkCallbackEndpoint
{
    public const string Path = "/cashout/link/callback/{provider}";

    public static void MapLinkCallback(this IEndpointRouteBuilder routes) => routes.MapGet(Path, async (string provider, HttpContext http, IUseCases useCases) =>
    {
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var result = await useCases.SendAsync(new CompleteCashoutLinkCommand(provider, query), http.RequestAborted);
        if (result.IsSuccess)
        {
            // The enum's own spelling is the brand's (PayPal, Payoneer): only providers that link by redirect get here.
            var name = result.Value.Provider.ToString();
            return Page(StatusCodes.Status200OK, result.Value.Linked
                ? $"Your {name} account is linked. You can close this window."
                : $"Your {name} account is being reviewed. It can receive cashouts once {name} approves it.");
        }

        return Page(StatusOf(result.Error), result.Error.Message);
    });

    private static int StatusOf(Error error) => error.Kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static IResult Page(int status, string message) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Cashout method</title></head>
        <body><main><p>{WebUtility.HtmlEncode(message)}</p></main></body></html>
        """,
        "text/html; charset=utf-8",
        statusCode: status);
}
