using Payouts.Api.RateLimiting;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Rpc;
using Mapster;
using Payouts.Api.Auth;
using Payouts.Api.Swagger;
using Payouts.Api.Services;
using Payouts.Api.Services.Mapping;
using Payouts.Application.Common.Messaging;
using Payouts.Contracts.V1;

namespace Payouts.Api.Rest;

/// <summary>
/// Seed 000's routes, kept for the platform's legacy callers: <c>POST /cashout/process</c>, <c>/cashout/link</c> and
/// <c>/cashout/unlink</c>, with the RPCs' own commands and handlers, answered in the seed's envelope
/// <c>{"status":"success","data":{...}}</c> (64-bit integers as JSON numbers) or <c>{"status":"error","message":...}</c>
/// with the seed's own texts. Transcoding cannot write that envelope, hence these endpoints.
/// </summary>
internal static class Seed000Routes
{
    /// <summary>The seed's message for an amount that is not an integer number of cents.</summary>
    public const string InvalidAmount = "Invalid amount";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/cashout/process", (HttpContext http, IUseCases useCases) => Envelope(http, async caller =>
            {
                var request = await SeedRequest.BodyAsync<ProcessCashoutRequest>(http);
                var command = CashoutGrpcService.ToCommand(request, caller, http.Request.IdempotencyKey());
                var cashout = (await useCases.SendAsync(command, http.RequestAborted)).OrThrow();
                return CashoutProcessed.Of(cashout.Adapt<ProcessCashoutResponse>(ProtoMapping.Config));
            }))
            .Documented<ProcessCashoutRequest, CashoutProcessed>("CashoutService_ProcessCashout", "Cash out (seed 000)")
            .WithMetadata(new RateLimitedAttribute(RateLimitedAttribute.Cashouts));

        routes.MapPost("/cashout/link", (HttpContext http, IUseCases useCases) => Envelope(http, async caller =>
            {
                var request = await SeedRequest.BodyAsync<LinkCashoutMethodRequest>(http);
                var result = (await useCases.SendAsync(LinkGrpcService.ToCommand(request, caller), http.RequestAborted)).OrThrow();
                return CashoutMethodLinked.Of(result.Adapt<LinkCashoutMethodResponse>(ProtoMapping.Config));
            }))
            .Documented<LinkCashoutMethodRequest, CashoutMethodLinked>("LinkService_LinkCashoutMethod", "Link a cashout method (seed 000)")
            .WithMetadata(new RateLimitedAttribute(RateLimitedAttribute.Links));

        routes.MapPost("/cashout/unlink", (HttpContext http, IUseCases useCases) => Envelope(http, async caller =>
            {
                var request = await SeedRequest.BodyAsync<UnlinkCashoutMethodRequest>(http);
                var result = (await useCases.SendAsync(LinkGrpcService.ToCommand(request, caller), http.RequestAborted)).OrThrow();
                var response = result.Adapt<UnlinkCashoutMethodResponse>(ProtoMapping.Config);
                return new CashoutMethodUnlinked(response.Message, response.Provider);
            }))
            .Documented<UnlinkCashoutMethodRequest, CashoutMethodUnlinked>("LinkService_UnlinkCashoutMethod", "Unlink a cashout method (seed 000)")
            .WithMetadata(new RateLimitedAttribute(RateLimitedAttribute.Links));
    }

    /// <summary>The user is checked before the body is read: an unauthenticated caller learns nothing about its request.</summary>
    private static Task<IResult> Envelope<TData>(HttpContext http, Func<Caller, Task<TData>> call) => SeedReply.RunAsync(
        http,
        async () =>
        {
            var caller = http.User.RequireUser();
            SeedReply.RefuseQuery(http.Request);
            return SeedReply.Ok(new Success<TData>("success", await call(caller)));
        },
        status => JsonSerializer.Serialize(new Failure("error", MessageOf(status)), SeedReply.Json));

    /// <summary>
    /// A body whose amount does not parse (a string, a fraction) gets the seed's "Invalid amount", as the handler says
    /// for an amount out of range; other errors keep their message, which is the seed's text where the seed has one.
    /// </summary>
    private static string MessageOf(Google.Rpc.Status status)
    {
        var amountUnreadable = status.Code == (int)Code.InvalidArgument
            && status.Message.StartsWith("Invalid value for field", StringComparison.Ordinal)
            && status.Details.Where(d => d.Is(BadRequest.Descriptor)).SelectMany(d => d.Unpack<BadRequest>().FieldViolations).Any(v => v.Field == "amount");
        return amountUnreadable ? InvalidAmount : status.Message;
    }

    /// <summary>The seed's success envelope.</summary>
    // Data is [Required] for the OpenAPI document: nullable annotations cannot say that of a type parameter.
    public sealed record Success<TData>([property: AllowedValues("success")] string Status, [property: Required] TData Data);

    /// <summary>The seed's error envelope.</summary>
    public sealed record Failure([property: AllowedValues("error")] string Status, string Message);

    /// <summary>POST /cashout/process's data, field for field as the seed shows it.</summary>
    public sealed record CashoutProcessed(string Message, [property: JsonPropertyName("cashout_id")] long CashoutId, long Amount, string Type, string Status)
    {
        public static CashoutProcessed Of(ProcessCashoutResponse response) =>
            new(response.Message, response.CashoutId, response.Amount, response.Type, response.Status);
    }

    /// <summary>POST /cashout/link's data: <c>link</c> and <c>method</c> for PayPal and Payoneer, <c>payeeId</c> and <c>alreadyExists</c> for Tipalti.</summary>
    public sealed record CashoutMethodLinked(string Message, string? Link, string Provider, string? Method, string? PayeeId, bool? AlreadyExists)
    {
        public static CashoutMethodLinked Of(LinkCashoutMethodResponse response) => new(
            response.Message,
            response.HasLink ? response.Link : null,
            response.Provider,
            response.HasMethod ? response.Method : null,
            response.HasPayeeId ? response.PayeeId : null,
            response.HasAlreadyExists ? response.AlreadyExists : null);
    }

    /// <summary>POST /cashout/unlink's data.</summary>
    public sealed record CashoutMethodUnlinked(string Message, string Provider);
}
