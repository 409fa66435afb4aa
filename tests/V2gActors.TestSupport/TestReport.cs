namespace V2gActors.TestSupport;

/// <summary>
/// Lines a test wants printed after the run (e.g. how many fuzz inputs were tried): passing tests' output is hidden by
/// the test runner, so tests append here and tests/run-all.sh prints the file after the summary.
/// </summary>
public static class TestReport
{
    private static readonly Lock Gate = new();

    public static void Line(string text)
    {
        var file = Environment.GetEnvironmentVariable("V2G_TEST_REPORT");
        if (string.IsNullOrEmpty(file)) return;
        lock (Gate) File.AppendAllText(file, text + Environment.NewLine);
    }
}
