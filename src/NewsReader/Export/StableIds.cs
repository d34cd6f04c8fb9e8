using System.Security.Cryptography;

namespace NewsReader.Export;

/// <summary>
/// Name-based ids: the same names always give the same id (RFC 9562 version 8 layout over a
/// SHA-256 hash). An article note gets one from its article and creation time; an annotation from another
/// tool gets one from its own id, so restoring the same file twice finds it the second time.
/// </summary>
public static class StableIds
{
    public static Guid From(params string[] names)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', names)));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
