using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Payouts.Api.Auth;

/// <summary>
/// Logs each JWT that JwtBearer refuses, under our category at Information as merchant-token refusals are.
/// JwtBearer's own lines cannot serve: they sit under Microsoft.AspNetCore (Warning in appsettings.json, so
/// production would never see a refusal), and they carry the whole exception, whose inner exceptions quote
/// decoded token content (System.Text.Json's message for a payload that is not JSON names the offending text), so
/// that category must stay at Warning. The reason here is only the exception's type and IdentityModel's IDX code
/// (documented at https://aka.ms/IDX10223 and alike), which say why without any of the token.
/// </summary>
internal sealed partial class JwtRefusalLog(ILogger<JwtRefusalLog> logger) : JwtBearerEvents
{
    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        var failure = context.Exception.GetType().Name;
        var code = CodeOf(context.Exception.Message);
        Refused(logger, failure, code);
        return Task.CompletedTask;
    }

    /// <summary>"IDX10223" from "IDX10223: Lifetime validation failed..."; the text after the code may quote the token.</summary>
    private static string CodeOf(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 3 && message.StartsWith("IDX", StringComparison.Ordinal) && !message.AsSpan(3, colon - 3).ContainsAnyExceptInRange('0', '9')
            ? message[..colon]
            : "no IDX code";
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "JWT refused: {Failure} ({Code}).")]
    private static partial void Refused(ILogger logger, string failure, string code);
}
