using NewsReader.Tests.Infrastructure;

namespace NewsReader.BrowserTests;

/// <summary>
/// The article page's tag field (every reader), and the administrators' title field and Delete
/// article button with its confirmation dialog, as they are used, on a desktop and a phone, in
/// both themes; the reader's note kept after the article is gone; and leaving: Delete account.
/// </summary>
public sealed class ArticleAdminBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>An article of its own, so deleting it touches no other test.</summary>
    private async Task<string> OwnArticleAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var text = $"date 2024-03-18 By Ana Ruiz\n\nSea wall report {id}\n\nHARBOURTON, March 17 (Coast Desk) – The sea wall repairs will take two winters, the council said on Monday.\n\nResidents asked for the ferry timetable to be kept during the works.\n";
        return (await App.ImportAsync($"sea-wall-{id}.txt", text)).Path!;
    }

    [Fact]
    public async Task A_reader_tags_an_article_from_its_page_and_a_bad_tag_is_named()
    {
        var article = await OwnArticleAsync();
        foreach (var options in new[] { new BrowserNewContextOptions(), Phone() })
        {
            var what = options.HasTouch == true ? "phone" : "desktop";
            var page = await SignedInPageAsync(options);
            await page.GotoAsync(article);
            var field = page.GetByLabel("Article tags", new() { Exact = true });
            await field.FillAsync("Harbours, #council");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save tags" }).ClickAsync();
            var tags = page.Locator("[data-article-tag-list] a");
            await Assertions.Expect(tags).ToHaveTextAsync(["#council", "#harbours"]);
            await Assertions.Expect(field).ToHaveValueAsync("council, harbours");

            await field.FillAsync("fine, " + new string('x', 45));
            await page.GetByRole(AriaRole.Button, new() { Name = "Save tags" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-article-tags-error]")).ToContainTextAsync("too long");
            await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
            await AssertAccessibleAsync(page, $"{what}: the article page, a bad tag");

            await page.ReloadAsync();
            await Assertions.Expect(tags).ToHaveTextAsync(["#council", "#harbours"]);    // the bad save changed nothing
            await tags.First.ClickAsync();
            await page.WaitForURLAsync("**/?tag=council");
            await Assertions.Expect(page.Locator(".article-card")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Your tags" })).ToContainTextAsync("#harbours (1)");
            await AssertAccessibleAsync(page, $"{what}: the library by tag");
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task An_administrator_retitles_and_deletes_an_article_and_the_reader_keeps_their_note()
    {
        foreach (var options in new[] { new BrowserNewContextOptions(), Phone() })
        {
            var what = options.HasTouch == true ? "phone" : "desktop";
            var article = await OwnArticleAsync();
            var reader = await SignedInPageAsync(options);
            await reader.GotoAsync(article);
            await SelectAsync(reader, "ferry timetable");
            await HighlightWithKeyAsync(reader);
            await Assertions.Expect(Marks(reader, "ferry timetable")).ToHaveCountAsync(1);

            var admin = await AdminPageAsync(options);
            await admin.GotoAsync(article);
            var title = admin.GetByLabel("Title", new() { Exact = true });
            await title.FillAsync("Sea wall works to last two winters");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save title" }).ClickAsync();
            await Assertions.Expect(admin.Locator("#article-title")).ToHaveTextAsync("Sea wall works to last two winters");
            await AssertAccessibleAsync(admin, $"{what}: the article page as an administrator");

            await title.FillAsync("   ");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save title" }).ClickAsync();
            await Assertions.Expect(admin.Locator("[data-article-title-error]")).ToContainTextAsync("cannot be empty");

            // Delete article asks first; Cancel keeps it.
            await admin.GetByRole(AriaRole.Button, new() { Name = "Delete article" }).ClickAsync();
            var dialog = admin.GetByRole(AriaRole.Dialog, new() { Name = "Delete this article?" });
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await AssertAccessibleAsync(admin, $"{what}: the delete confirmation");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Assertions.Expect(dialog).ToBeHiddenAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Delete article" }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete article" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The article was deleted");
            await AssertAccessibleAsync(admin, $"{what}: the library after a deletion");
            var gone = await admin.GotoAsync(article);
            Assert.Equal(404, gone!.Status);

            await reader.GotoAsync("/notes");
            var note = reader.Locator(".note-item", new() { HasTextString = "ferry timetable" });
            await Assertions.Expect(note).ToContainTextAsync("the article was deleted");
            await Assertions.Expect(note).ToContainTextAsync("Sea wall works to last two winters");
            await AssertAccessibleAsync(reader, $"{what}: My notes with a deleted article");
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_reader_deletes_their_account_from_the_account_page()
    {
        // Someone else administers: the reader here is never the last administrator, whatever ran first.
        var keeper = $"keeper-{Guid.NewGuid():N}@example.com";
        await App.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            var roles = services.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>();
            var user = new Microsoft.AspNetCore.Identity.IdentityUser { UserName = keeper, Email = keeper };
            NewsReader.Accounts.UserAdmin.Check(await users.CreateAsync(user, Readers.Password));
            await NewsReader.Accounts.UserAdmin.EnsureAdminAsync(users, roles, user);
            return 0;
        });

        foreach (var options in new[] { new BrowserNewContextOptions(), Phone() })
        {
            var what = options.HasTouch == true ? "phone" : "desktop";
            var page = await SignedInPageAsync(options);
            await page.GotoAsync("/Account/Password");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download all your data" })).ToHaveAttributeAsync("href", "/export?format=zip");
            await page.GetByRole(AriaRole.Link, new() { Name = "Delete my account…" }).ClickAsync();
            await page.WaitForURLAsync("**/Account/Delete");
            await AssertAccessibleAsync(page, $"{what}: delete account");

            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password at all");
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That is not your password");
            await AssertAccessibleAsync(page, $"{what}: delete account, a wrong password");

            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Readers.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your account was deleted");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();
        }

        AssertNoPageErrors();
    }
}
