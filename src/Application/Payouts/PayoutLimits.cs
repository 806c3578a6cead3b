namespace Payouts.Application.Payouts;

/// <summary>Seed 001's and 002's limits, in one place: the validators enforce them and the OpenAPI document states them.</summary>
public static class PayoutLimits
{
    /// <summary>description, externalId, customer id and name, onBehalfOfId, refId.</summary>
    public const int MaxTextLength = 255;

    /// <summary>redirectUrl and webhookUrl ("max 2KB").</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>metadata, as sent without whitespace.</summary>
    public const int MaxMetadataBytes = 4096;

    /// <summary>ListPayouts' limit: required, 1 to this (seed 002).</summary>
    public const int MaxListLimit = 200;
}
