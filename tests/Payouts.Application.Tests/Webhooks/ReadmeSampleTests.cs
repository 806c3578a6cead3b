namespace Payouts.Application.Tests.Webhooks;

public sealed class ReadmeSampleTests
{
    [Fact]
    public void The_readme_shows_exactly_the_receiver_code_the_tests_run()
    {
        var root = RepositoryRoot();
        var source = File.ReadAllText(Path.Combine(root, "tests", "Payouts.Application.Tests", "Webhooks", "ReceiverSample.cs"));
        var start = source.IndexOf("// README:begin\n", StringComparison.Ordinal) + "// README:begin\n".Length;
        var sample = source[start..source.IndexOf("// README:end", StringComparison.Ordinal)].Trim();

        sample.Should().Contain("IsAuthentic");
        File.ReadAllText(Path.Combine(root, "README.md")).Should().Contain(sample);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Payouts.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Payouts.sln not found above the test binaries.");
    }
}
