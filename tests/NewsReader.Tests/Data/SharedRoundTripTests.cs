using NewsReader.Data;

namespace NewsReader.Tests.Data;

public sealed class SharedRoundTripTests
{
    [Fact]
    public async Task Callers_who_ask_while_a_round_trip_is_on_its_way_share_the_next_one_each_with_its_own_place()
    {
        var gates = new List<TaskCompletionSource<int>>();
        var served = new List<int>();
        var shared = new SharedRoundTrip<int>(callers =>
        {
            lock (gates)
            {
                served.Add(callers);
                gates.Add(new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
                return gates[^1].Task;
            }
        });

        var first = shared.JoinAsync();
        var later = Enumerable.Range(0, 5).Select(_ => shared.JoinAsync()).ToList();
        Assert.Equal([1], served);                          // the later five did not start a round of their own

        gates[0].SetResult(10);
        Assert.Equal((10, 0), await first);
        await WaitUntilAsync(() => gates.Count == 2);
        Assert.Equal([1, 5], served);                       // one round trip for all five
        gates[1].SetResult(20);
        var answers = await Task.WhenAll(later);
        Assert.All(answers, a => Assert.Equal(20, a.Result));
        Assert.Equal([0, 1, 2, 3, 4], answers.Select(a => a.Place).Order());

        // Alone again: a caller starts a round at once and waits for nobody.
        var alone = shared.JoinAsync();
        await WaitUntilAsync(() => gates.Count == 3);
        gates[2].SetResult(30);
        Assert.Equal((30, 0), await alone);
        Assert.Equal([1, 5, 1], served);
    }

    [Fact]
    public async Task A_failed_round_trip_fails_its_callers_and_the_next_is_tried_afresh()
    {
        var calls = 0;
        var shared = new SharedRoundTrip<int>(_ => ++calls == 1
            ? Task.FromException<int>(new TimeoutException("the server is busy"))
            : Task.FromResult(7));

        var failed = await Assert.ThrowsAsync<TimeoutException>(() => shared.JoinAsync());
        Assert.Equal("the server is busy", failed.Message);
        Assert.Equal((7, 0), await shared.JoinAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "the next round trip never started");
    }
}
