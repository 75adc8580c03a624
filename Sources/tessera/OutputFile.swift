import Foundation

/// Opens `path` for writing, truncating what is there, the way a shell's `>` does.
/// Not `FileManager.createFile`: that writes a new file and renames it over the path, which
/// replaces a symlink with a file and turns `/dev/null` into a regular file.
func openForWriting(_ path: String) -> FileHandle? {
    try? FileManager.default.createDirectory(
        at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return nil }
    return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
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
