using System.Globalization;
using System.Runtime.InteropServices;

namespace NewsReader.Bench.Processes;

/// <summary>Resident memory of processes, from Linux's own accounting.</summary>
public static class Memory
{
    /// <summary>A line of /proc/PID/status in megabytes: VmRSS (now) or VmHWM (peak since start, or since <see cref="ResetPeak"/>).</summary>
    public static double StatusMb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        throw new InvalidOperationException($"no {field} in /proc/{pid}/status");
    }

    /// <summary>Sets the process's peak (VmHWM) back to its current RSS (Linux 4.0+), so a peak can be measured over one step.</summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The largest peak RSS of any child this process has waited for (getrusage RUSAGE_CHILDREN), in megabytes.</summary>
    public static double ChildrenPeakMb()
    {
        // struct rusage on 64-bit Linux: two timevals (4 longs), then ru_maxrss (KB) and 13 more longs.
        var usage = new long[18];
        return GetRusage(-1, usage) == 0 ? usage[4] / 1024.0 : throw new InvalidOperationException("getrusage failed");
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);
}

/// <summary>Where the high-water mark cannot be reset (or over a step that is not one download): the largest RSS seen every 10 ms.</summary>
public sealed class PeakSampler
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<double> _peak;

    public PeakSampler(int pid) => _peak = Task.Run(async () =>
    {
        var peak = 0.0;
        while (!_stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, Memory.StatusMb(pid, "VmRSS"));
            await Task.Delay(10);
        }

        return peak;
    });

    public async Task<double> StopAsync()
    {
        await _stop.CancelAsync();
        var peak = await _peak;
        _stop.Dispose();
        return peak;
    }
}
