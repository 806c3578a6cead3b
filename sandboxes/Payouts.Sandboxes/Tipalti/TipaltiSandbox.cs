using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.Tipalti;

/// <summary>
/// Simulates Tipalti's SOAP API (shared/PROVIDERS.md §3): PayeeFunctions.asmx and PayerFunctions.asmx under any
/// version segment, signed calls checked like Tipalti checks them, and the IPN postback endpoint. See README.md.
/// </summary>
public sealed partial class TipaltiSandbox
{
    private readonly Dictionary<string, (string Operation, Func<XElement, IResult> Handle)> _payeeFunctions;
    private readonly Dictionary<string, (string Operation, Func<XElement, IResult> Handle)> _payerFunctions;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly TipaltiSandboxPayees _payees;
    private readonly TipaltiSandboxPayments _payments;
    private readonly TipaltiSandboxIpn _ipn;

    public TipaltiSandbox(SandboxContext context)
    {
        Context = context;
        var auth = new TipaltiSandboxAuth(context.Settings.Tipalti, context.Clock);
        _ipn = new TipaltiSandboxIpn(context);
        _payees = new TipaltiSandboxPayees(context, auth);
        _payments = new TipaltiSandboxPayments(context, auth, _payees, _ipn);
        _payeeFunctions = new(StringComparer.Ordinal)
        {
            ["UpdateOrCreatePayeeInfo"] = ("payee_upsert", _payees.UpdateOrCreatePayeeInfo),
            ["GetPayeeDetails"] = ("payee_details", _payees.GetPayeeDetails),
            ["GetExtendedPODetailsList"] = ("status", _payments.GetExtendedPODetailsList),
        };
        _payerFunctions = new(StringComparer.Ordinal)
        {
            ["ProcessPayments"] = ("submit", _payments.ProcessPayments),
        };
    }

    public SandboxContext Context { get; }

    public void Map(RouteGroupBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/{version}/PayeeFunctions.asmx", (string version, HttpContext http) => HandleAsync(_payeeFunctions, version, http));
        routes.MapPost("/{version}/PayerFunctions.asmx", (string version, HttpContext http) => HandleAsync(_payerFunctions, version, http));
        routes.MapPost("/notif/ipn.aspx", (Func<HttpContext, Task<IResult>>)VerifyIpnAsync);
        routes.MapSandboxControl(Context);
    }

    /// <summary>The payee's fields as Tipalti holds them (UpdateOrCreatePayeeInfo item names), or null.</summary>
    public IReadOnlyDictionary<string, string>? Payee(string idap) => _payees.Find(idap);

    /// <summary>The payment order with this RefCode, or null.</summary>
    public TipaltiSandboxPayment? Payment(string refCode) => _payments.Find(refCode);

    public int PaymentCount => _payments.Count;

    /// <summary>Cancels a payment still Submitted (e.g. booked to <see cref="Scenario.Stall"/>); false if it is too late.</summary>
    public bool Cancel(string refCode) => _payments.Cancel(refCode);

    /// <summary>How many requests for a SOAP function reached the sandbox since it started, faulted ones included.</summary>
    public int CallsTo(string function) => _calls.GetValueOrDefault(function);

    /// <summary>How many distinct IPN bodies the sandbox has sent.</summary>
    public int IpnsSent => _ipn.SentCount;

    private async Task<IResult> HandleAsync(Dictionary<string, (string Operation, Func<XElement, IResult> Handle)> functions, string version, HttpContext http)
    {
        if (!VersionPattern().IsMatch(version))
        {
            return Results.NotFound();
        }

        XElement? function;
        try
        {
            var envelope = await XDocument.LoadAsync(http.Request.Body, LoadOptions.None, http.RequestAborted);
            function = envelope.Root?.Element(TipaltiSoap.Soap12 + "Body")?.Elements().FirstOrDefault();
        }
        catch (XmlException)
        {
            return TipaltiSoap.Fault("soap:Sender", "Server was unable to read request. ---> There is an error in XML document.");
        }

        if (function is null || function.Name.Namespace != TipaltiSoap.Ns || !functions.TryGetValue(function.Name.LocalName, out var handler))
        {
            return TipaltiSoap.Fault("soap:Sender", "Unable to handle request: unknown function or namespace.");
        }

        _calls.AddOrUpdate(function.Name.LocalName, 1, (_, n) => n + 1);
        return await new FaultInjection(Context.Faults, TipaltiSoap.Errors).RunAsync(handler.Operation, http, () => Task.FromResult(handler.Handle(function)));
    }

    /// <summary>Tipalti's IPN check: VERIFIED only for a body this sandbox posted, byte for byte.</summary>
    private async Task<IResult> VerifyIpnAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        return await new FaultInjection(Context.Faults, IpnErrors).RunAsync(
            "ipn_verify", http, () => Task.FromResult(Results.Text(_ipn.IsGenuine(body) ? "VERIFIED" : "INVALID", "text/plain", Encoding.UTF8)));
    }

    private static readonly ProviderErrorBodies IpnErrors = new(
        () => Results.Text("<html><body><h1>Server Error</h1></body></html>", "text/html", Encoding.UTF8, StatusCodes.Status500InternalServerError),
        () => Results.Text("<html><body><h1>Service Unavailable</h1></body></html>", "text/html", Encoding.UTF8, StatusCodes.Status503ServiceUnavailable),
        () => Results.Text("<html><body><h1>Too Many Requests</h1></body></html>", "text/html", Encoding.UTF8, StatusCodes.Status429TooManyRequests),
        "text/plain");

    [GeneratedRegex("^v[0-9]{1,3}$")]
    private static partial Regex VersionPattern();
}
