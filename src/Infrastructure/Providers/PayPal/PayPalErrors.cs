namespace Payouts.Infrastructure.Providers.PayPal;

/// <summary>What PayPal's error bodies tell us beyond their HTTP status.</summary>
internal static class PayPalErrors
{
    /// <summary>
    /// The duplicate sender_batch_id reply is not in PayPal's spec; its shape is the one observed in several public
    /// integrations (PROVIDERS.md 1.2.4): USER_BUSINESS_ERROR whose detail names SENDER_BATCH_ID, "already exists",
    /// and links the original batch. Returns that batch's id, or null if this is some other business error.
    /// </summary>
    public static string? OriginalBatchOfDuplicate(PayPalError? error)
    {
        if (error is not { Name: "USER_BUSINESS_ERROR", Details: { } details })
        {
            return null;
        }

        foreach (var detail in details)
        {
            var aboutBatchId = string.Equals(detail.Field, "SENDER_BATCH_ID", StringComparison.OrdinalIgnoreCase)
                || (detail.Issue?.Contains("sender_batch_id", StringComparison.OrdinalIgnoreCase) ?? false);
            var alreadyExists = detail.Issue?.Contains("already exists", StringComparison.OrdinalIgnoreCase) ?? false;
            if (!aboutBatchId || !alreadyExists)
            {
                continue;
            }

            foreach (var link in detail.Link ?? [])
            {
                if (Uri.TryCreate(link.Href, UriKind.Absolute, out var href) && LastSegment(href) is { Length: > 0 } batchId)
                {
                    return batchId;
                }
            }

            // A duplicate we cannot follow: the caller must not read this as a refusal.
            return string.Empty;
        }

        return null;
    }

    /// <summary>"NAME: message (issue)", for reasons and logs; PayPal's texts carry no personal data.</summary>
    public static string Describe(PayPalError? error, int status)
    {
        if (error?.Name is null)
        {
            return $"HTTP {status}";
        }

        var issue = error.Details is [{ Issue: { } first }, ..] ? $" ({first})" : string.Empty;
        return $"{error.Name}: {error.Message}{issue}";
    }

    private static string LastSegment(Uri href) => Uri.UnescapeDataString(href.AbsolutePath.TrimEnd('/').Split('/')[^1]);
}
