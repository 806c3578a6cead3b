using Payouts.Application.Common;
using Payouts.Application.Payouts;
using Payouts.Domain.Common;

namespace Payouts.Application.Merchants.Commands.SetDefaultWebhookUrl;

/// <summary>A URL by seed 001's rule, parsed; or nothing, which clears the default.</summary>
internal sealed class SetDefaultWebhookUrlCommandValidator(PayoutPolicy policy) : IValidator<SetDefaultWebhookUrlCommand, Uri?>
{
    public Result<Uri?> Parse(SetDefaultWebhookUrlCommand command)
    {
        if (command.Url.Length == 0)
        {
            return Result<Uri?>.Success(null);
        }

        return MerchantUrls.TryParse(command.Url, policy, out var url)
            ? url
            : Error.Validation("merchant.invalid_webhook_url", "Invalid webhook URL", new FieldViolation("url", MerchantUrls.Rule));
    }
}
