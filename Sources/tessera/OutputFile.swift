import Foundation

/// Why a file the user named cannot be written. The description names the path and, where
/// it would help, `--force`.
struct OutputFileError: Error, CustomStringConvertible {
    let description: String
}

/// Which existing files a command may replace without `--force`.
enum ReplaceableFiles {
    /// Text output (HTML, NDJSON): an existing text file is taken to be an earlier output and is
    /// replaced; a binary file (a NUL byte in its first 4 KB: a database, an archive, an image)
    /// is someone else's and is refused without `--force`.
    case textFile

    func owns(_ path: String) -> Bool {
        switch self {
        case .textFile:
            guard let handle = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 4096)) ?? Data()
            return !head.contains(0)
        }
    }
}

/// A file the user named as output, written the safe way: into a temporary file in the same
/// folder, renamed over the path by `commit()` only when complete. So a failed or killed run
/// never leaves half a file, an input named as output is read before it is replaced, and a
/// file that is not the command's own (`ReplaceableFiles`) is refused unless `force`.
/// A symbolic link is followed (the file it names is replaced, the link stays); a device or
/// FIFO such as /dev/null is written in place; a folder is refused.
final class ReplacementFile {
    let path: String
    let handle: FileHandle
    /// The file renamed over `target` on commit; nil when writing in place.
    private let temporary: String?
    private let target: String
    private var done = false

    init(_ path: String, force: Bool, ownership: ReplaceableFiles = .textFile) throws {
        self.path = path
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        self.target = target
        var st = stat()
        let exists = stat(target, &st) == 0
        let kind = st.st_mode & S_IFMT
        if exists && kind == S_IFDIR { throw OutputFileError(description: "cannot write '\(path)': it is a folder") }
        if exists && kind != S_IFREG {
            // A device or FIFO (/dev/null, a named pipe): nothing to replace, write to it.
            let fd = open(target, O_WRONLY)
            guard fd >= 0 else { throw OutputFileError(description: "cannot write '\(path)': \(String(cString: strerror(errno)))") }
            (temporary, handle) = (nil, FileHandle(fileDescriptor: fd, closeOnDealloc: true))
            return
        }
        if exists && st.st_size > 0 && !force && !ownership.owns(target) {
            throw OutputFileError(
                description:
                    "refusing to replace '\(path)': it is a binary file, not output of this command; choose another path, or pass --force to replace it"
            )
        }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(URL(fileURLWithPath: target).lastPathComponent).\(getpid()).tmp").path
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, exists ? st.st_mode & 0o7777 : 0o644)
        guard fd >= 0 else { throw OutputFileError(description: "cannot write '\(path)': \(String(cString: strerror(errno)))") }
        (self.temporary, handle) = (temporary, FileHandle(fileDescriptor: fd, closeOnDealloc: true))
    }

    /// Puts the written file in place (one rename, so readers see the old file or the new one).
    func commit() throws {
        done = true
        try? handle.synchronize()
        try? handle.close()
        guard let temporary else { return }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputFileError(description: "cannot write '\(path)': \(reason)")
        }
    }

    /// Leaves the path as it was.
    func discard() {
        guard !done else { return }
        done = true
        try? handle.close()
        if let temporary { unlink(temporary) }
    }

    deinit { discard() }
}

/// Text for a file handle, written in 64 KB chunks: one write(2) per chunk, not per row, and
/// never more than a chunk held, however long the output.
final class BufferedOutput {
    private static let chunk = 1 << 16
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(Self.chunk)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunk { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
