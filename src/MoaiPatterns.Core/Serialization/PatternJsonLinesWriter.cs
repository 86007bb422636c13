using System;
using System.IO;
using System.IO.Compression;
using MoaiPatterns.Input;

namespace MoaiPatterns.Serialization
{
    /// <summary>
    /// Writes patterns as JSON Lines (the seed's JSON, compact, one pattern a line, UTF-8 without BOM,
    /// <c>\n</c>), gzipped when the target ends in <c>.gz</c>. Patterns go to a temporary file beside the
    /// target as they come (memory stays bounded); <see cref="Commit"/> flushes it to disk and renames it
    /// into place, so the target is never seen half written. Disposed without a commit, the temporary file
    /// is deleted and the target is untouched. A line is the seed's JSON unless the writer is given another
    /// encoding of a pattern as one line (e.g. <see cref="Otlp.OtlpTraceJson"/>).
    /// </summary>
    public sealed class PatternJsonLinesWriter : IDisposable
    {
        private static readonly byte[] NewLine = { (byte)'\n' };

        private FileStream? _file;
        private GZipStream? _gzip;
        private Stream? _out;
        private bool _committed;
        private readonly Func<MoaiPattern, byte[]> _encode;

        private PatternJsonLinesWriter(string path, string tempPath, FileStream file, Func<MoaiPattern, byte[]> encode)
        {
            _encode = encode;
            FilePath = path;
            TempPath = tempPath;
            _file = file;
            if (PatternJsonLines.IsGzipPath(path))
            {
                _gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
                _out = _gzip;
            }
            else _out = file;
        }

        /// <summary>Starts an export to <paramref name="path"/> (a full path): creates the temporary file beside it.</summary>
        /// <param name="path">The target file (a full path).</param>
        /// <param name="noClobber">Refuse to start when the target exists.</param>
        /// <param name="encode">One pattern as one line of compact UTF-8 JSON (no line break); the seed's JSON when null.</param>
        /// <exception cref="PatternFileExistsException"><paramref name="noClobber"/> and the file exists.</exception>
        public static PatternJsonLinesWriter Create(string path, bool noClobber, Func<MoaiPattern, byte[]>? encode = null)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (Directory.Exists(path)) throw new IOException($"'{path}' is a folder; give the path of a file to export to.");
            if (noClobber && File.Exists(path)) throw new PatternFileExistsException(path);
            var folder = Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(folder)) folder = ".";
            // Hidden (on Unix) and unmistakably temporary; beside the target so the rename stays on one volume.
            var temp = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
            return new PatternJsonLinesWriter(path, temp, file, encode ?? SeedJson);
        }

        private static byte[] SeedJson(MoaiPattern pattern) => PatternJson.ToUtf8Bytes(pattern, indented: false);

        /// <summary>The final path.</summary>
        public string FilePath { get; }

        /// <summary>Where the patterns are written until <see cref="Commit"/>.</summary>
        public string TempPath { get; }

        /// <summary>Patterns written so far.</summary>
        public long Count { get; private set; }

        /// <summary>Appends one pattern as one line.</summary>
        public void Write(ValidatedPattern pattern)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            var output = _out ?? throw new ObjectDisposedException(nameof(PatternJsonLinesWriter));
            var bytes = _encode(pattern.Pattern);
            output.Write(bytes, 0, bytes.Length);
            output.Write(NewLine, 0, 1);
            Count++;
        }

        /// <summary>Finishes the file (gzip trailer, flushed to disk) and renames it into place.</summary>
        /// <exception cref="PatternFileExistsException"><paramref name="overwrite"/> is false and the target exists (the temporary file is removed).</exception>
        public void Commit(bool overwrite)
        {
            var file = _file ?? throw new ObjectDisposedException(nameof(PatternJsonLinesWriter));
            _gzip?.Dispose();
            _gzip = null;
            _out = null;
            file.Flush(flushToDisk: true);
            file.Dispose();
            _file = null;
            try
            {
                if (File.Exists(FilePath))
                {
                    if (!overwrite) throw new PatternFileExistsException(FilePath);
                    File.Replace(TempPath, FilePath, destinationBackupFileName: null);
                }
                else
                {
                    File.Move(TempPath, FilePath);
                }
                _committed = true;
            }
            catch (IOException) when (!overwrite && File.Exists(FilePath))
            {
                // Created meanwhile by someone else: still theirs.
                throw new PatternFileExistsException(FilePath);
            }
            finally
            {
                if (!_committed) DeleteTemp();
            }
        }

        /// <summary>Without a commit: closes and deletes the temporary file; the target is untouched.</summary>
        public void Dispose()
        {
            try { _gzip?.Dispose(); } catch (Exception) { /* abandoning the file: its content no longer matters */ }
            try { _file?.Dispose(); } catch (Exception) { }
            _gzip = null;
            _file = null;
            _out = null;
            if (!_committed) DeleteTemp();
        }

        private void DeleteTemp()
        {
            try { File.Delete(TempPath); } catch (Exception) { /* best effort: a leftover .tmp never takes the target's name */ }
        }
    }
}
