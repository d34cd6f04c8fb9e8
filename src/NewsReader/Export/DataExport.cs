using System.IO.Compression;

namespace NewsReader.Export;

/// <summary>
/// "All your data" (<c>/export?format=zip</c>): one zip with <c>notes.md</c>, <c>notes.jsonld</c>
/// and <c>notes.csv</c> — the single exports, of one moment, byte for byte — and
/// <c>account.json</c> (<see cref="AccountExport"/>). Each entry is written as it is read, into a
/// zip that writes straight to the response: nothing is held whole.
/// </summary>
public sealed class DataExport(NotesExporter notes, AccountExport account)
{
    public const string AccountEntry = "account.json";

    public static readonly IReadOnlyList<ExportFormat> NoteFormats = [ExportFormat.Markdown, ExportFormat.JsonLd, ExportFormat.Csv];

    public static string NotesEntry(ExportFormat format) => "notes" + ExportFormats.Extension(format);

    public static string FileName(DateTime at) => $"newsreader-data-{at:yyyy-MM-dd}.zip";

    public async Task WriteAsync(string userId, string baseUrl, DateTime at, Stream output, CancellationToken ct)
    {
        var body = new AsyncOnlyStream(output);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            foreach (var format in NoteFormats)
            {
                await using (var entry = await OpenAsync(zip, NotesEntry(format), at, ct))
                {
                    await notes.ExportAsync(new ExportRequest(userId, format, null, baseUrl, at), entry, ct);
                }

                await body.FlushHeldAsync(ct);
            }

            await using (var accountEntry = await OpenAsync(zip, AccountEntry, at, ct))
            {
                await account.WriteAsync(userId, at, accountEntry, ct);
            }

            await body.FlushHeldAsync(ct);
        }

        await body.FlushHeldAsync(ct);
    }

    private static async Task<Stream> OpenAsync(ZipArchive zip, string name, DateTime at, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        return await entry.OpenAsync(ct);
    }

    /// <summary>
    /// The response takes only asynchronous writes, and a zip entry still ends synchronously (its
    /// last compressed bytes and sizes are written as it is disposed): those few bytes are held
    /// here and written on, asynchronously, once the entry is closed. Everything else passes
    /// straight through.
    /// </summary>
    private sealed class AsyncOnlyStream(Stream inner) : Stream
    {
        private readonly MemoryStream _held = new();
        private long _position;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public async Task FlushHeldAsync(CancellationToken ct)
        {
            if (_held.Length > 0)
            {
                await inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), ct);
                _held.SetLength(0);
            }

            await inner.FlushAsync(ct);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _held.Write(buffer);
            _position += buffer.Length;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_held.Length > 0)
            {
                await FlushHeldAsync(cancellationToken);
            }

            await inner.WriteAsync(buffer, cancellationToken);
            _position += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => FlushHeldAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _held.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
