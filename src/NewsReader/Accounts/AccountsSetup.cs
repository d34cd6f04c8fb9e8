using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace NewsReader.Accounts;

public static class Roles
{
    public const string Admin = "Admin";
}

public static class AccountsSetup
{
    public const string AdminPolicy = "Admin";

    /// <summary>
    /// ASP.NET Core Identity on the app's database: cookie sign-in, lockout after repeated
    /// failures, an Admin role for article imports. No mail server, so no confirmation step.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<IdentityUser>(options =>
            {
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = PasswordRules.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddPasswordValidator<CommonPasswords>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(options =>
            {
                options.Cookie.Name = "newsreader.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = "/Account/Login";
                options.LogoutPath = "/Account/Logout";
                options.AccessDeniedPath = "/Account/Denied";
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromDays(30);
                // The API answers with status codes, not redirects to the sign-in page.
                options.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
                options.Events.OnValidatePrincipal = StampCheckWhenDue(options.Events.OnValidatePrincipal);
            }));

        // Sessions live on the server: the cookie carries a key, sign-out and password changes end it (SessionStore).
        services.AddSingleton<SessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SessionStore>((options, store) => options.SessionStore = store)
            // After the cookie handler's own set-up has made the format: its readings are kept (CachedTicketFormat).
            .PostConfigure(options => options.TicketDataFormat = new CachedTicketFormat(options.TicketDataFormat));

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));

        // Keys beside the database, so sign-ins survive restarts (and containers) without a home
        // folder; on PostgreSQL in the database, so every instance signs and reads the same cookies.
        services.AddDataProtection().SetApplicationName("NewsReader");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, provider) =>
            options.XmlRepository = Database.IsPostgres(provider)
                ? new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.EntityFrameworkCoreXmlRepository<PostgresAppDb>(
                    provider, provider.GetRequiredService<ILoggerFactory>())
                : new FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(Database.DataFolder(provider), "keys")),
                    provider.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>
    /// Identity re-reads the reader's security stamp (signing out sessions after a password
    /// change) once per <see cref="SecurityStampValidatorOptions.ValidationInterval"/>, but it
    /// builds its validator (sign-in and user managers, a database context) on every request
    /// to find out that it is not due yet. The same test, made first, skips that.
    /// </summary>
    private static Func<CookieValidatePrincipalContext, Task> StampCheckWhenDue(Func<CookieValidatePrincipalContext, Task> validate) => context =>
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? services.GetRequiredService<TimeProvider>()).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : validate(context);
    };

    /// <summary>
    /// The API answers with a status and problem details; a page (an export link included) sends
    /// the visitor to sign in and back.
    /// </summary>
    private static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (Web.ErrorResponses.IsApi(context.Request.Path))
        {
            return Results.Problem(
                statusCode: status,
                title: status == StatusCodes.Status401Unauthorized ? "Sign in required" : "Not allowed",
                detail: status == StatusCodes.Status401Unauthorized ? "Sign in to use this." : "Your account cannot do that.").ExecuteAsync(context.HttpContext);
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
