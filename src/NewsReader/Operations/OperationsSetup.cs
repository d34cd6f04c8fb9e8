using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace NewsReader.Operations;

public static class OperationsSetup
{
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                });
            },
        }).DisableRateLimiting();

        // The API's contract, in every environment: the page scripts and outside tools rely on it.
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
