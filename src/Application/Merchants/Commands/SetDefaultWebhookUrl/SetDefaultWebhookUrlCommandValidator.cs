using Payouts.Application.Common;
using Payouts.Application.Payouts;
using Payouts.Domain.Common;

namespace Payouts.Application.Merchants.Commands.SetDefaultWebhookUrl;

internal sealed class SetDefaultWebhookUrlCommandValidator(PayoutPolicy policy) : IValidator<SetDefaultWebhookUrlCommand>
{
    public Error? Validate(SetDefaultWebhookUrlCommand command) =>
        command.Url.Length == 0 || MerchantUrls.TryParse(command.Url, policy, out _)
            ? null
            : Error.Validation("merchant.invalid_webhook_url", "Invalid webhook URL", new FieldViolation("url", MerchantUrls.Rule));
}
