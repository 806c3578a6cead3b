using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.Tipalti;

/// <summary>Which of Tipalti's two SOAP services a function lives on.</summary>
internal enum TipaltiService
{
    PayeeFunctions,
    PayerFunctions,
}

/// <summary>One SOAP call. <paramref name="Idap"/> and <paramref name="Eat"/> are signed into the key (PROVIDERS.md §3.1).</summary>
/// <param name="Idap">The payee, for payee functions that take one; sent as <c>idap</c> and signed.</param>
/// <param name="Eat">The function's "encryption additional term", signed but not sent by this type (it is one of the parameters).</param>
/// <param name="Parameters">The function's own parameters, after payerName / idap / timestamp / key.</param>
/// <param name="RetrySafe">True for reads and for writes Tipalti deduplicates by our key.</param>
internal sealed record TipaltiSoapRequest(
    TipaltiService Service, string Function, string? Idap, string? Eat, IReadOnlyList<XElement> Parameters, bool RetrySafe);

/// <summary>
/// Tipalti's SOAP 1.2 services over HttpClient with hand-written XML: no generated proxies, so the wire format
/// is exactly what PROVIDERS.md §3 says and the HttpClient keeps our resilience pipeline.
/// </summary>
internal sealed partial class TipaltiSoapClient(HttpClient http, IOptions<TipaltiOptions> options, TimeProvider clock, ILogger<TipaltiSoapClient> logger)
{
    public static readonly XNamespace Tipalti = "http://Tipalti.org/";
    private static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    public async Task<TipaltiCall> CallAsync(TipaltiSoapRequest call, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (TipaltiCall.NotConfigured(settings) is { } missing)
        {
            return missing;
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = Sign(settings.MasterKey!, settings.PayerName! + call.Idap + timestamp + call.Eat);
        var function = new XElement(Tipalti + call.Function, new XElement(Tipalti + "payerName", settings.PayerName));
        if (call.Idap is not null)
        {
            function.Add(new XElement(Tipalti + "idap", call.Idap));
        }

        function.Add(new XElement(Tipalti + "timestamp", timestamp), new XElement(Tipalti + "key", key), call.Parameters);
        var envelope = new XDocument(new XElement(Soap12 + "Envelope", new XAttribute(XNamespace.Xmlns + "soap12", Soap12), new XElement(Soap12 + "Body", function)));

        var version = call.Service == TipaltiService.PayerFunctions ? settings.PayerApiVersion : settings.PayeeApiVersion;
        var content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml; charset=utf-8");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{version}/{call.Service}.asmx", UriKind.Relative)) { Content = content };
        if (call.RetrySafe)
        {
            ResilienceHandler.MarkRetrySafe(request);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogHttpStatus(logger, call.Function, (int)response.StatusCode);
                return TipaltiCall.HttpStatus(response.StatusCode);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var reply = await XDocument.LoadAsync(body, LoadOptions.None, cancellationToken);
            var result = reply.Root?.Element(Soap12 + "Body")?.Element(Tipalti + (call.Function + "Response"))?.Element(Tipalti + (call.Function + "Result"));
            if (result is null)
            {
                LogMalformed(logger, call.Function);
                return TipaltiCall.Malformed();
            }

            var answer = new TipaltiCall.Answered(Text(result, "errorCode") ?? "", Text(result, "errorMessage") ?? "", result);
            if (!answer.IsOk)
            {
                LogErrorCode(logger, call.Function, answer.ErrorCode);
            }

            return answer;
        }
        catch (XmlException)
        {
            LogMalformed(logger, call.Function);
            return TipaltiCall.Malformed();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTransportFailed(logger, call.Function, ex.GetType().Name);
            return TipaltiCall.Exception(ex);
        }
    }

    /// <summary>Posts an IPN's raw body back to Tipalti, which answers "VERIFIED" or "INVALID".</summary>
    public async Task<TipaltiCall> PostBackAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var target = options.Value.IpnVerifyUrl;
        if (target is null)
        {
            return TipaltiCall.Missing("IpnVerifyUrl");
        }

        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        // Verifying changes nothing at Tipalti, so a retry is harmless.
        using var request = ResilienceHandler.MarkRetrySafe(new HttpRequestMessage(HttpMethod.Post, target) { Content = content });
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogHttpStatus(logger, "ipn postback", (int)response.StatusCode);
                return TipaltiCall.HttpStatus(response.StatusCode);
            }

            var verdict = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            return new TipaltiCall.Answered(verdict, verdict, new XElement("verdict"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTransportFailed(logger, "ipn postback", ex.GetType().Name);
            return TipaltiCall.Exception(ex);
        }
    }

    /// <summary>The lowercase hex HMAC-SHA256 Tipalti calls the <c>key</c>.</summary>
    public static string Sign(string masterKey, string authorizationString) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(masterKey), Encoding.UTF8.GetBytes(authorizationString)));

    /// <summary>A child element's text by local name; Tipalti's result elements are all in its namespace.</summary>
    public static string? Text(XElement parent, string name) => parent.Element(Tipalti + name)?.Value.Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tipalti {Function} answered HTTP {Status}")]
    private static partial void LogHttpStatus(ILogger logger, string function, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tipalti {Function} answered errorCode {ErrorCode}")]
    private static partial void LogErrorCode(ILogger logger, string function, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tipalti {Function} sent a reply that is not the expected SOAP envelope")]
    private static partial void LogMalformed(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tipalti {Function} failed: {Error}")]
    private static partial void LogTransportFailed(ILogger logger, string function, string error);
}
