import Foundation

/// Where the ordered stream goes (standard output, an NDJSON file, or a folder's
/// `manifest.ndjson`) and the folder files are written to. Counts the bytes written: the
/// journal commits that offset, and a resumed run truncates the file back to it.
///
/// A file output is written safely (docs/pipeline.md "Output files"):
/// - one writer at a time: a `flock` on `.NAME.tessera-lock` beside it (released by the
///   kernel when the process ends, even on `kill -9`); a second run to the same output refuses;
/// - the stream goes to `.NAME.tessera-partial` in the same folder, renamed over `NAME` when
///   the run completes (`finish()`), so a reader never sees a half-written output and a failed
///   run leaves the previous output as it was; a resumed run continues the partial file;
/// - an existing `NAME` is replaced only when it is Tessera's own (`OutputOwnership`) or with
///   `force`; a symlink is followed (the link stays, its target is replaced) and a device or
///   pipe such as `/dev/null` is written in place.
package final class OutputTarget: @unchecked Sendable {
    package let fd: Int32
    package let folder: URL?
    /// Bytes of the stream written so far (including those before a resume).
    package private(set) var offset: Int
    /// A regular file that `--resume` can truncate and continue.
    package let resumable: Bool
    /// The file being written, renamed to `finalPath` by `finish()` (nil: written in place).
    let partialPath: String?
    /// The output's real path (symlinks resolved); nil for standard output.
    package let finalPath: String?
    private let lock: FileLock?

    /// Standard output (not resumable). When it is a pipe, the pipe's buffer is raised to 1 MB
    /// (the Linux default is 64 KB): a record is ~25 KB, and with the small buffer the renderer
    /// stalled on the reader and paid a context switch every few records (measured: 100,000
    /// welcome recipients into `| wc -c` took 8.3 s with 64 KB, 5.2–5.8 s with 1 MB, set by a wrapper).
    package static func standardOutput() -> OutputTarget {
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

    init(fd: Int32, folder: URL?, offset: Int, resumable: Bool, partialPath: String? = nil, finalPath: String? = nil, lock: FileLock? = nil) {
        self.fd = fd
        self.folder = folder
        self.offset = offset
        self.resumable = resumable
        self.partialPath = partialPath
        self.finalPath = finalPath
        self.lock = lock
    }

    /// The output file of a run: new (`resumeAt` nil; an existing file is replaced only when
    /// it is Tessera's own, or with `force`) or continued at the journal's committed offset.
    /// An open descriptor the caller owns (a pipe, a socket): written in place, nothing to replace
    /// or lock. The target writes to its own duplicate, which `close()` closes.
    package static func descriptor(_ fd: Int32) throws -> OutputTarget {
        let copy = dup(fd)
        guard copy >= 0 else { throw JournalError.cannotUseDescriptor(fd, reason: JournalError.systemReason) }
        return OutputTarget(fd: copy, folder: nil, offset: 0, resumable: false)
    }

    package static func file(_ path: String, folder: URL? = nil, resumeAt: Int? = nil, force: Bool = false) throws -> OutputTarget {
        let final = OutputPaths.resolvingLinks(path)
        var st = stat()
        let exists = stat(final, &st) == 0
        if exists && (st.st_mode & S_IFMT) == S_IFDIR { throw JournalError.outputIsFolder(path: path) }
        if exists && (st.st_mode & S_IFMT) != S_IFREG {
            // A device or a pipe (/dev/null, a FIFO): written in place, nothing to replace or lock.
            guard resumeAt == nil else { throw JournalError.cannotResumeInto(path: path) }
            let fd = open(final, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw JournalError.cannotOpenOutput(path: path, reason: JournalError.systemReason) }
            return OutputTarget(fd: fd, folder: folder, offset: 0, resumable: false)
        }
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: final).deletingLastPathComponent(), withIntermediateDirectories: true)
        let lock: FileLock
        switch FileLock.acquire(OutputPaths.lock(final)) {
        case .success(let l): lock = l
        case .failure(.held(let pid)):
            throw JournalError.outputBusy(path: path, holder: FileLock.describe(pid), lock: OutputPaths.lock(final))
        case .failure(.system(let message)): throw JournalError.lockFailed(message)
        }
        let partial = OutputPaths.partial(final)
        if let resumeAt { return try continued(path, final: final, partial: partial, at: resumeAt, folder: folder, lock: lock) }
        if exists && !force && !OutputOwnership.isTesseraOutput(final) {
            throw JournalError.notTesseraOutput(path: path)
        }
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw JournalError.cannotOpenOutput(path: partial, reason: JournalError.systemReason) }
        if exists { _ = fchmod(fd, st.st_mode & 0o7777) }  // the replacement keeps the old file's permissions
        return OutputTarget(fd: fd, folder: folder, offset: 0, resumable: true, partialPath: partial, finalPath: final, lock: lock)
    }

    /// Resume: the partial file if the run had not finished, else the output itself (the run
    /// was renamed into place just before the process died, or was written in place by an
    /// earlier version), cut back to the committed offset.
    private static func continued(_ path: String, final: String, partial: String, at offset: Int, folder: URL?, lock: FileLock) throws -> OutputTarget
    {
        let inPlace = !FileManager.default.fileExists(atPath: partial)
        let target = inPlace ? final : partial
        let fd = open(target, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw JournalError.cannotReopen(partial: partial, path: path, reason: JournalError.systemReason) }
        var st = stat()
        fstat(fd, &st)
        guard (st.st_mode & S_IFMT) == S_IFREG else { Foundation.close(fd); throw JournalError.cannotResumeInto(path: path) }
        guard Int(st.st_size) >= offset else {
            Foundation.close(fd)
            throw JournalError.outputShorter(path: target, size: Int(st.st_size), committed: offset)
        }
        guard ftruncate(fd, off_t(offset)) == 0, lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
            Foundation.close(fd); throw JournalError.cannotTruncate(path: target, offset: offset)
        }
        return OutputTarget(
            fd: fd, folder: folder, offset: offset, resumable: true, partialPath: inPlace ? nil : partial, finalPath: final, lock: lock)
    }

    func write(_ bytes: [UInt8], _ range: Range<Int>) throws {
        try bytes.withUnsafeBytes { p in
            var i = range.lowerBound
            while i < range.upperBound {
                let n = Foundation.write(fd, p.baseAddress! + i, range.upperBound - i)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw JournalError.cannotWriteOutput(reason: JournalError.systemReason)
                }
                i += n
            }
        }
        offset += range.count
    }

    /// Cuts the stream back to `offset` (a batch written again after its journal unit was
    /// retried with another frequency-cap decision). Only a regular file can take its bytes back.
    func rewind(to offset: Int) throws {
        guard offset != self.offset else { return }
        guard resumable else {
            throw JournalError(
                "the journal decided this batch's frequency caps again after a lost connection, and the decision changed, but its output (\(finalPath ?? "standard output")) cannot be rewritten (not a regular file): stopping; nothing of this batch was committed"
            )
        }
        guard ftruncate(fd, off_t(offset)) == 0, lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
            throw JournalError(
                "cannot cut '\(partialPath ?? finalPath ?? "the output")' back to \(offset) bytes: \(String(cString: strerror(errno)))")
        }
        self.offset = offset
    }

    /// A file in the output folder (`--format files|eml`), written to a partial file and
    /// renamed over `name` (a mail pickup folder never sees half a message). Throws
    /// `FileWriteFailure`; `isRecordLocal` says whether the run can go on without this file.
    func writeFile(_ name: String, _ bytes: [UInt8]) throws {
        guard let folder else { return }
        let path = folder.appendingPathComponent(name).path
        let partial = folder.appendingPathComponent("." + name + OutputPaths.partialSuffix).path
        func failure(_ what: String) -> FileWriteFailure {
            let code = errno
            unlink(partial)
            return FileWriteFailure(code: code, detail: "cannot \(what) '\(name)': \(String(cString: strerror(code)))")
        }
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("write") }
        let written: Bool = bytes.withUnsafeBytes { p in
            var i = 0
            while i < p.count {
                let n = Foundation.write(fd, p.baseAddress! + i, p.count - i)
                if n < 0 { if errno == EINTR { continue }; return false }
                i += n
            }
            return true
        }
        if !written { let f = failure("write"); Foundation.close(fd); throw f }
        Foundation.close(fd)
        guard rename(partial, path) == 0 else { throw failure("replace") }
    }

    /// Removes a file of the output folder (a record whose files could not all be written).
    func removeFile(_ name: String) {
        guard let folder else { return }
        unlink(folder.appendingPathComponent(name).path)
    }

    /// The run completed: the partial file becomes the output, and the lock file goes.
    package func finish() throws {
        if let partialPath, let finalPath {
            guard rename(partialPath, finalPath) == 0 else {
                throw JournalError.cannotRename(from: partialPath, to: finalPath, reason: JournalError.systemReason)
            }
        }
        lock?.remove()
    }

    /// A failed run that cannot be resumed: its partial file goes.
    package func discard() {
        if let partialPath { unlink(partialPath) }
    }

    package func close() {
        if fd > 2 { Foundation.close(fd) }
        lock?.release()
    }
}

/// A folder file that could not be written. Most failures concern that one file (its name, a
/// folder in the way, permissions) and reject only its record; a full or read-only disk, a
/// vanished folder or an I/O error would fail every record alike and end the run instead
/// (resumable once fixed).
struct FileWriteFailure: Error {
    var code: Int32
    var detail: String
    var isRecordLocal: Bool { ![ENOSPC, EDQUOT, EROFS, EIO, ENOENT, EMFILE, ENFILE, ENOMEM].contains(code) }
}

/// The names around an output file.
package enum OutputPaths {
    static let partialSuffix = ".tessera-partial"

    /// `DIR/.NAME.tessera-partial`: the output while it is being written.
    package static func partial(_ final: String) -> String { sibling(final, suffix: partialSuffix) }
    /// `DIR/.NAME.tessera-lock`: held by the run writing NAME.
    package static func lock(_ final: String) -> String { sibling(final, suffix: ".tessera-lock") }

    private static func sibling(_ path: String, suffix: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + suffix).path
    }

    /// The absolute path a symlink chain ends at (the path itself when it is no link; a
    /// dangling link's target, which will be created).
    package static func resolvingLinks(_ path: String) -> String {
        var p = URL(fileURLWithPath: path).standardizedFileURL.path
        for _ in 0..<40 {
            guard let dest = try? FileManager.default.destinationOfSymbolicLink(atPath: p) else { break }
            p = dest.hasPrefix("/") ? dest : URL(fileURLWithPath: p).deletingLastPathComponent().appendingPathComponent(dest).standardizedFileURL.path
        }
        return p
    }
}

/// What "Tessera's own" means, for replacing an existing output without `--force`: an empty
/// file, or one whose first line is a Tessera output record (`{"id":…,"status":"`, the way
/// `NDJSONWriter` starts every record, in an NDJSON output and in `manifest.ndjson` alike). A
/// folder is Tessera's own when it is empty or holds such a `manifest.ndjson`.
package enum OutputOwnership {
    static let expectation = #"an empty file, or NDJSON whose first line starts {"id":…,"status":"#

    package static func isTesseraOutput(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = [UInt8]((try? h.read(upToCount: 64 << 10)) ?? Data())
        return head.isEmpty || startsLikeRecord(head)
    }

    /// `{"id":` then a JSON string or `null`, then `,"status":"`.
    package static func startsLikeRecord(_ b: [UInt8]) -> Bool {
        let open = Array(#"{"id":"#.utf8), status = Array(#","status":""#.utf8)
        guard b.starts(with: open) else { return false }
        var i = open.count
        if b[i...].starts(with: "null".utf8) {
            i += 4
        } else {
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { return false }
            i += 1
            while i < b.count, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
            i += 1
        }
        return i <= b.count && b[i...].starts(with: status)
    }

    /// An output folder may be written when it is empty (hidden files aside) or holds
    /// Tessera's manifest.
    package static func isTesseraFolder(_ folder: URL) -> Bool {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
        if names.isEmpty { return true }
        let manifest = folder.appendingPathComponent("manifest.ndjson").path
        return names.contains("manifest.ndjson") && isTesseraOutput(manifest)
    }
}

/// A file's device and inode: two paths (hard links, symlinks, `/dev/stdin`) name the same
/// file exactly when these are equal.
package struct FileIdentity: Equatable, Sendable {
    package var device: UInt64
    package var inode: UInt64
    package var isRegular: Bool

    package init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        self.init(st)
    }

    package init?(fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        self.init(st)
    }

    private init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        isRegular = (st.st_mode & S_IFMT) == S_IFREG
    }
}
