using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.BrowserTests;

/// <summary>Opens pages on the shared app and fails any test whose pages log errors (a CSP violation, a script error).</summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _errors = [];

    protected BrowserFixture Fixture { get; } = fixture;

    protected TestApp App => Fixture.App;

    protected async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = Fixture.BaseUrl;
        var context = await Fixture.RequireBrowser().NewContextAsync(options);
        // CI shares two cores between both test projects and the app: wait longer before calling it a failure.
        context.SetDefaultTimeout(60_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // A page the test opens on purpose as missing (404) or malformed (400) logs its own
            // status; anything else is a defect.
            var ownDocumentStatus = (message.Text.Contains("status of 404", StringComparison.Ordinal) || message.Text.Contains("status of 400", StringComparison.Ordinal))
                && message.Location.StartsWith(page.Url, StringComparison.Ordinal);
            if (message.Type == "error" && !ownDocumentStatus)
            {
                _errors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Add($"{page.Url}: {error}");
        page.Dialog += (_, dialog) => _errors.Add($"{page.Url}: a script opened a {dialog.Type} dialog: {dialog.Message}");
        return page;
    }

    /// <summary>A new reader, registered through the page; <paramref name="root"/> for an app other than the fixture's.</summary>
    protected async Task<IPage> SignedInPageAsync(BrowserNewContextOptions? options = null, string root = "")
    {
        var page = await NewPageAsync(options);
        await page.GotoAsync($"{root}/Account/Register");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync($"reader-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Readers.Password);
        await page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(Readers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await SignedInAsync(page, "/Account/Register");
        return page;
    }

    /// <summary>
    /// Waits until the form posted from <paramref name="formPath"/> has led to a page that shows the
    /// reader signed in. By the page's content, not by a navigation event: after the
    /// POST-redirect-GET, Playwright on a busy machine sometimes never reported the navigation
    /// (WaitForURL timed out after 60 s with the signed-in page fully loaded, about one run in
    /// five under load); a locator looks at the page as it is.
    /// </summary>
    protected static async Task SignedInAsync(IPage page, string formPath)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
        Assert.DoesNotContain(formPath, page.Url, StringComparison.Ordinal);
    }

    /// <summary>A reader made an administrator, signed in afresh so the role is in the cookie.</summary>
    protected async Task<IPage> AdminPageAsync(BrowserNewContextOptions? options = null)
    {
        var page = await SignedInPageAsync(options);
        await MakeAdministratorAsync(page);
        return page;
    }

    /// <summary>Makes the reader signed in on <paramref name="page"/> an administrator and signs them in afresh so the role is in the cookie.</summary>
    protected async Task MakeAdministratorAsync(IPage page)
    {
        var email = await page.EvaluateAsync<string>("() => fetch('/Account/Password').then(r => r.text()).then(t => /Signed in as <strong>([^<]+)/.exec(t)[1])");
        await App.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            var roles = services.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>();
            await NewsReader.Accounts.UserAdmin.EnsureAdminAsync(users, roles, (await users.FindByEmailAsync(email))!);
            return 0;
        });
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Readers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await SignedInAsync(page, "/Account/Login");
    }

    /// <summary>A phone: 390×844 CSS pixels, touch, mobile viewport.</summary>
    protected static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new() { Width = 390, Height = 844 },
        HasTouch = true,
        IsMobile = true,
        DeviceScaleFactor = 2,
    };

    /// <summary>Gives a colour a meaning through the API, as My notes does.</summary>
    protected static async Task SetColorMeaningAsync(IPage page, string color, string label)
    {
        var status = await page.EvaluateAsync<int>(
            """
            async ([color, label]) => {
              const token = document.querySelector('meta[name="csrf-token"]').content;
              const response = await fetch(`/api/colors/${color}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', RequestVerificationToken: token }, body: JSON.stringify({ label }) });
              return response.status;
            }
            """, new[] { color, label });
        Assert.InRange(status, 200, 299);
    }

    protected async Task<string> ImportAsync(string fixture) => (await App.ImportFixtureAsync(fixture)).Path!;

    /// <summary>Selects from the start of <paramref name="from"/> to the end of <paramref name="to"/> in the article, as a reader's drag would.</summary>
    protected static Task SelectAsync(IPage page, string from, string? to = null) => page.EvaluateAsync(
        """
        ([from, to]) => {
          const body = document.querySelector('[data-article-body]');
          const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
          const nodes = [];
          let text = '';
          for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
          const at = (offset) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]]; };
          const start = text.indexOf(from);
          const end = text.indexOf(to, start) + to.length;
          if (start < 0 || end < to.length) throw new Error('text not found: ' + from + ' … ' + to);
          const range = document.createRange();
          range.setStart(...at(start));
          const [endNode, endOffset] = at(end - 1);
          range.setEnd(endNode, endOffset + 1);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }
        """, new[] { from, to ?? from });

    protected static ILocator Toolbar(IPage page) => page.GetByRole(AriaRole.Toolbar, new() { Name = "Highlight selection" });

    protected static ILocator Editor(IPage page) => page.GetByRole(AriaRole.Dialog);

    /// <summary>Highlights the selection with the h key and closes the editor it opens.</summary>
    protected static async Task HighlightWithKeyAsync(IPage page)
    {
        await page.Keyboard.PressAsync("h");
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();
    }

    protected static ILocator Marks(IPage page, string text) =>
        page.Locator("[data-article-body] mark[data-highlight-id]", new() { HasTextString = text });

    /// <summary>The text each highlight's marks cover, read from the live DOM.</summary>
    protected static async Task<Dictionary<string, string>> MarkedTextAsync(IPage page) =>
        await page.EvaluateAsync<Dictionary<string, string>>(
            """
            () => {
              const out = {};
              const walker = document.createTreeWalker(document.querySelector('[data-article-body]'), NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const ids = new Set();
                for (let e = n.parentElement; e && !e.matches('[data-article-body]'); e = e.parentElement) if (e.matches('mark[data-highlight-id]')) ids.add(e.dataset.highlightId);
                ids.forEach(id => out[id] = (out[id] ?? '') + n.data);
              }
              return out;
            }
            """);

    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    protected static async Task AssertAccessibleAsync(IPage page, string what)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            var result = await page.RunAxe(Wcag);
            var violations = result.Violations.Select(v =>
                $"{what} ({scheme}): {v.Id} {v.Help}: {string.Join("; ", v.Nodes.Select(n => string.Join(" ", n.Target)))}");
            Assert.True(result.Violations.Length == 0, string.Join("\n", violations));
        }
    }

    protected void AssertNoPageErrors() => Assert.True(_errors.Count == 0, string.Join("\n", _errors));

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
