using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.Tipalti;

/// <summary>Tipalti's SOAP 1.2 envelopes as its ASMX services write them.</summary>
internal static class TipaltiSoap
{
    public static readonly XNamespace Ns = "http://Tipalti.org/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string ContentType = "application/soap+xml; charset=utf-8";

    /// <summary>The 500s, 503s and 429s in the shapes IIS / ASMX send them; MalformedBody's text is not XML, as an unreadable reply should be.</summary>
    public static readonly ProviderErrorBodies Errors = new(
        () => Fault("soap:Receiver", "Server was unable to process request. ---> Internal server error."),
        () => Results.Text("<html><body><h1>Service Unavailable</h1></body></html>", "text/html", Encoding.UTF8, StatusCodes.Status503ServiceUnavailable),
        () => Results.Text("<html><body><h1>Too Many Requests</h1></body></html>", "text/html", Encoding.UTF8, StatusCodes.Status429TooManyRequests),
        ContentType);

    /// <summary>A function's answer: <c>{Function}Response/{Function}Result</c> with errorCode, errorMessage and the rest.</summary>
    public static IResult Reply(string function, string errorCode, string errorMessage, params object?[] content)
    {
        var result = new XElement(
            Ns + (function + "Result"),
            new XElement(Ns + "errorMessage", errorMessage),
            new XElement(Ns + "errorCode", errorCode),
            content);
        return Envelope(new XElement(Ns + (function + "Response"), result), StatusCodes.Status200OK);
    }

    public static IResult Fault(string code, string reason) => Envelope(
        new XElement(
            Soap12 + "Fault",
            new XElement(Soap12 + "Code", new XElement(Soap12 + "Value", code)),
            new XElement(Soap12 + "Reason", new XElement(Soap12 + "Text", new XAttribute(XNamespace.Xml + "lang", "en"), reason))),
        StatusCodes.Status500InternalServerError);

    public static string? Text(XElement parent, string name) => parent.Element(Ns + name)?.Value;

    private static IResult Envelope(XElement body, int status)
    {
        var envelope = new XElement(Soap12 + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Soap12), new XElement(Soap12 + "Body", body));
        return Results.Text(new XDeclaration("1.0", "utf-8", null) + envelope.ToString(SaveOptions.DisableFormatting), ContentType, Encoding.UTF8, status);
    }
}
