namespace Payouts.Api.Tests.Infrastructure;

/// <summary>
/// Real SQLite files for tests: each host gets its own file in a folder of this test run, and the
/// folder goes when the test process exits.
/// </summary>
public static class TestDatabase
{
    private static readonly string Folder = CreateFolder();

    public static string NewPath() => Path.Combine(Folder, $"{Guid.NewGuid():N}.db");

    private static string CreateFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"payouts-tests-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
        return folder;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open at exit; the OS temp cleaner gets it.
        }
    }
}
