namespace NewsReader.Tests.Infrastructure;

/// <summary>The app's command line run in process, on a test app's services: parsed exactly as Program parses it.</summary>
public static class Cli
{
    public static async Task<int> RunCliAsync(this TestApp app, params string[] args)
    {
        var cli = Program.CommandLine();
        cli.Services = app.Services;
        var invocation = cli.Parse(args);
        Assert.False(invocation.IsWeb, "the arguments name no command");
        return await invocation.InvokeAsync(TestContext.Current.CancellationToken);
    }
}
