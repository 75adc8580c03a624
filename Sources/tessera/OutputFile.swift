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
