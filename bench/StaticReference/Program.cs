using Microsoft.Extensions.FileProviders;

// The limit NewsReader's pages are measured against: Kestrel serving the same HTML as a static
// file, with nothing else in the pipeline and logging off. `/` serves index.html, so the same
// app is also the start-up reference (time to the first 200 on `/`).
//   dotnet StaticReference.dll --urls http://127.0.0.1:5001 --root FOLDER
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var root = Path.GetFullPath(builder.Configuration["root"] ?? throw new InvalidOperationException("--root FOLDER is required"));

var app = builder.Build();
var files = new PhysicalFileProvider(root);
app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
app.Run();
