using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Tupay;

/// <summary>
/// Simulates Tupay's cashout API v3 (shared/PROVIDERS.md section 4, seed 003): signed JSON bodies,
/// login/pass in the body, external_id deduplication (511), statuses 0–5 over time, and form-encoded
/// notifications carrying a "control" HMAC.
/// </summary>
public sealed partial class TupaySandbox
{
    private readonly DurableTable<TupaySandboxCashout> _cashouts;
    private readonly ConcurrentDictionary<long, string> _externalIds;
    private long _lastCashoutId;
    private int _submitRequests;

    public TupaySandbox(SandboxContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        _cashouts = context.State.Table<TupaySandboxCashout>("cashout");
        _externalIds = new(_cashouts.Values.Select(c => KeyValuePair.Create(c.CashoutId, c.ExternalId)));
        _lastCashoutId = _externalIds.Keys.DefaultIfEmpty().Max();
        HandleSteps();
    }

    public SandboxContext Context { get; }

    private TupaySandboxOptions Options => Context.Settings.Tupay;

    /// <summary>Every POST /v3/cashout that reached the sandbox since it started, valid or not; tests check local validation sent nothing.</summary>
    public int SubmitRequests => Volatile.Read(ref _submitRequests);

    /// <summary>How many cashouts exist.</summary>
    public int Count => _cashouts.Count;

    public void Map(RouteGroupBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapSandboxControl(Context);
        // Typed as Func so the IResult is written out; a bare HttpContext lambda would bind as a RequestDelegate and drop it.
        routes.MapPost("/v3/cashout", new Func<HttpContext, Task<IResult>>(http =>
        {
            Interlocked.Increment(ref _submitRequests);
            return Faults().RunAsync("submit", http, () => CreateAsync(http));
        }));
        routes.MapPost("/v3/cashout/status", new Func<HttpContext, Task<IResult>>(http => Faults().RunAsync("status", http, () => StatusAsync(http))));
    }

    /// <summary>The cashout Tupay holds under <paramref name="externalId"/>, or null.</summary>
    public TupayCashoutSnapshot? Find(string externalId) =>
        Context.State.Read(() => _cashouts.TryGet(externalId, out var cashout) ? cashout.Snapshot() : null);

    /// <summary>The lowercase-hex Payload-Signature Tupay expects for <paramref name="body"/>.</summary>
    public string SignatureOf(ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Options.ApiSignature), body));

    /// <summary>The uppercase-hex "control" of a notification about <paramref name="externalId"/>.</summary>
    public string ControlOf(string externalId) =>
        Convert.ToHexString(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Options.ApiSignature),
            Encoding.UTF8.GetBytes(Options.ControlPrefix + externalId + Options.ControlSuffix)));

    private FaultInjection Faults() => new(Context.Faults, new ProviderErrorBodies(
        () => Error(StatusCodes.Status500InternalServerError, 500, "Internal server error."),
        () => Error(StatusCodes.Status503ServiceUnavailable, 503, "Service temporarily unavailable."),
        () => Error(StatusCodes.Status429TooManyRequests, 429, "Too many requests.")));

    private async Task<IResult> CreateAsync(HttpContext http)
    {
        var (body, refusal) = await ReadSignedAsync(http);
        if (refusal is not null)
        {
            return refusal;
        }

        using (body)
        {
            var (request, invalid) = TupayCashoutRequest.Read(body!.RootElement, Options);
            var externalId = TupayCashoutRequest.Text(body.RootElement, "external_id");
            return Context.State.Change(() =>
            {
                if (!string.IsNullOrEmpty(externalId))
                {
                    Context.Record.Submitted(externalId);
                }

                if (request is null)
                {
                    return Error(StatusCodes.Status412PreconditionFailed, 300, "Invalid params " + invalid);
                }

                if (_cashouts.Contains(request.ExternalId))
                {
                    return Error(StatusCodes.Status400BadRequest, 511, "External ID already used");
                }

                var id = _lastCashoutId == 0 ? Options.FirstCashoutId : _lastCashoutId + 1;
                _lastCashoutId = id;
                var cashout = new TupaySandboxCashout(
                    id, request.ExternalId, request.Amount, request.AmountMinor, request.Currency, request.NotificationUrl ?? Context.NotificationUrl, request.Comments);
                _cashouts.Put(cashout.ExternalId, cashout);
                _externalIds[id] = cashout.ExternalId;
                Context.Record.Accepted(cashout.ExternalId, Id(cashout), cashout.Amount, cashout.Currency, Describe(cashout));
                Start(cashout);
                return Results.Json(new { cashout_id = Id(cashout) });
            });
        }
    }

    private async Task<IResult> StatusAsync(HttpContext http)
    {
        var (body, refusal) = await ReadSignedAsync(http);
        if (refusal is not null)
        {
            return refusal;
        }

        using (body)
        {
            var root = body!.RootElement;
            var externalId = TupayCashoutRequest.Text(root, "external_id");
            var cashoutIdText = TupayCashoutRequest.Text(root, "cashout_id");
            if (string.IsNullOrEmpty(externalId) && string.IsNullOrEmpty(cashoutIdText))
            {
                return Error(StatusCodes.Status412PreconditionFailed, 300, "Invalid params cashout_id or external_id is required");
            }

            // When both are given they must name the same cashout.
            long? cashoutId = long.TryParse(cashoutIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            var found = !string.IsNullOrEmpty(externalId) ? Find(externalId)
                : cashoutId is { } byId && _externalIds.TryGetValue(byId, out var byIdExternal) ? Find(byIdExternal)
                : null;
            if (found is null || (cashoutId is { } given && given != found.CashoutId) || (cashoutId is null && !string.IsNullOrEmpty(cashoutIdText)))
            {
                return Error(StatusCodes.Status404NotFound, 509, "Cashout not found with this ID");
            }

            var description = TupayCodes.StatusDescriptions[found.Status];
            var id = found.CashoutId.ToString(CultureInfo.InvariantCulture);
            return found.RejectionCode is { } code
                ? Results.Json(new
                {
                    cashout_status = found.Status,
                    cashout_status_description = description,
                    rejection_code = code,
                    rejection_reason = TupayCodes.ReasonOf(code),
                    cashout_id = id,
                })
                : Results.Json(new { cashout_status = found.Status, cashout_status_description = description, cashout_id = id });
        }
    }

    /// <summary>Checks, in Tupay's order, the signature over the raw bytes, the JSON, then login and pass.</summary>
    private async Task<(JsonDocument? Body, IResult? Refusal)> ReadSignedAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var raw = buffer.ToArray();

        var given = http.Request.Headers["Payload-Signature"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), Encoding.ASCII.GetBytes(SignatureOf(raw))))
        {
            return (null, Error(StatusCodes.Status400BadRequest, 302, "Invalid control string."));
        }

        JsonDocument body;
        try
        {
            body = JsonDocument.Parse(raw);
        }
        catch (JsonException)
        {
            return (null, Error(StatusCodes.Status400BadRequest, 502, "Invalid request body"));
        }

        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || TupayCashoutRequest.Text(root, "login") != Options.Login
            || TupayCashoutRequest.Text(root, "pass") != Options.Pass)
        {
            body.Dispose();
            return (null, Error(StatusCodes.Status401Unauthorized, 401, "Invalid credentials."));
        }

        return (body, null);
    }

    private static string Id(TupaySandboxCashout cashout) => cashout.CashoutId.ToString(CultureInfo.InvariantCulture);

    private static IResult Error(int httpStatus, int code, string message) => Results.Json(new { code, message }, statusCode: httpStatus);
}
