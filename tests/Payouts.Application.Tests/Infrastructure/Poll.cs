namespace Payouts.Application.Tests.Infrastructure;

/// <summary>Waits for what a background thread does (the writer, the webhook sender); the caller asserts after.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
