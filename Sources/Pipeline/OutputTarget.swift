import Foundation

/// Where the ordered stream goes (standard output, an NDJSON file, or a folder's
/// `manifest.ndjson`) and the folder files are written to. Counts the bytes written: the
/// journal commits that offset, and a resumed run truncates the file back to it.
public final class OutputTarget: @unchecked Sendable {
    public let fd: Int32
    public let folder: URL?
    /// Bytes of the stream written so far (including those before a resume).
    public private(set) var offset: Int
    /// A regular file that `--resume` can truncate and continue.
    public let resumable: Bool

    /// Standard output (not resumable). When it is a pipe, the pipe's buffer is raised to 1 MB
    /// (the Linux default is 64 KB): a record is ~25 KB, and with the small buffer the renderer
    /// stalled on the reader and paid a context switch every few records (measured: 100,000
    /// welcome recipients into `| wc -c` took 8.3 s with 64 KB, 5.2–5.8 s with 1 MB, set by a wrapper).
    public static func standardOutput() -> OutputTarget {
        enlargePipeBuffer(1)
        return OutputTarget(fd: 1, folder: nil, offset: 0, resumable: false)
    }

    private static func enlargePipeBuffer(_ fd: Int32) {
        #if os(Linux)
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFIFO else { return }
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ (Linux); capped by /proc/sys/fs/pipe-max-size
        _ = fcntl(fd, setPipeSize, 1 << 20)  // best effort: a smaller pipe still works
        #endif
    }

    init(fd: Int32, folder: URL?, offset: Int, resumable: Bool) {
        self.fd = fd
        self.folder = folder
        self.offset = offset
        self.resumable = resumable
    }

    /// Opens `path` like a shell's `>` (a symlink or `/dev/null` stays what it is); with
    /// `resumeAt`, keeps the file, truncates it to that offset and appends from there.
    public static func file(_ path: String, folder: URL? = nil, resumeAt: Int? = nil) throws -> OutputTarget {
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | (resumeAt == nil ? O_TRUNC : 0), 0o644)
        guard fd >= 0 else { throw JournalError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        var st = stat()
        fstat(fd, &st)
        let regular = (st.st_mode & S_IFMT) == S_IFREG
        if let resumeAt {
            guard regular else { Foundation.close(fd); throw JournalError("cannot resume into '\(path)': not a regular file") }
            guard Int(st.st_size) >= resumeAt else {
                Foundation.close(fd)
                throw JournalError("cannot resume: '\(path)' has \(st.st_size) bytes, fewer than the \(resumeAt) the journal committed (was it replaced?)")
            }
            guard ftruncate(fd, off_t(resumeAt)) == 0, lseek(fd, off_t(resumeAt), SEEK_SET) >= 0 else {
                Foundation.close(fd); throw JournalError("cannot truncate '\(path)' to \(resumeAt) bytes")
            }
        }
        return OutputTarget(fd: fd, folder: folder, offset: resumeAt ?? 0, resumable: regular)
    }

    func write(_ bytes: [UInt8], _ range: Range<Int>) throws {
        try bytes.withUnsafeBytes { p in
            var i = range.lowerBound
            while i < range.upperBound {
                let n = Foundation.write(fd, p.baseAddress! + i, range.upperBound - i)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw JournalError("cannot write the output: \(String(cString: strerror(errno)))")
                }
                i += n
            }
        }
        offset += range.count
    }

    /// A file in the output folder (`--format files|eml`), replaced whole.
    func writeFile(_ name: String, _ bytes: [UInt8]) throws {
        guard let folder else { return }
        let path = folder.appendingPathComponent(name).path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw JournalError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        defer { Foundation.close(fd) }
        try bytes.withUnsafeBytes { p in
            var i = 0
            while i < p.count {
                let n = Foundation.write(fd, p.baseAddress! + i, p.count - i)
                if n < 0 { if errno == EINTR { continue }; throw JournalError("cannot write '\(path)'") }
                i += n
            }
        }
    }

    public func close() { if fd > 2 { Foundation.close(fd) } }
}
