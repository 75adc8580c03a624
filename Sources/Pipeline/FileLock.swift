import Foundation

/// An exclusive advisory lock (`flock`) on a lock file. The kernel drops it when the process
/// ends, however it ends (`kill -9` included), so a lock is never stale: a lock file left
/// behind by a killed process is simply locked again by the next one.
///
/// `flock` belongs to the open file, not the process, so two runs inside one process (the
/// tests) exclude each other too.
package final class FileLock {
    package let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { release() }

    /// Why a lock could not be taken.
    package enum Failure: Error {
        /// Another open file holds it; the holder's process id when the system says (Linux).
        case held(pid: Int32?)
        case system(String)
    }

    /// Locks `path` (created if missing, with its folder). `wait`: block until the holder is
    /// done, after telling `waiting` who it is; otherwise fail at once with `.held`.
    package static func acquire(_ path: String, wait: Bool = false, waiting: (Int32?) -> Void = { _ in }) -> Result<FileLock, Failure> {
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        // A holder may unlink the file as it finishes (`remove()`); a lock taken on the
        // unlinked file would exclude nobody, so the path is checked again after locking.
        for _ in 0..<100 {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return .failure(.system("cannot open lock file '\(path)': \(String(cString: strerror(errno)))")) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let busy = errno == EWOULDBLOCK
                guard busy else { close(fd); return .failure(.system("cannot lock '\(path)': \(String(cString: strerror(errno)))")) }
                guard wait else { let pid = holder(fd); close(fd); return .failure(.held(pid: pid)) }
                waiting(holder(fd))
                var rc: Int32
                repeat { rc = flock(fd, LOCK_EX) } while rc != 0 && errno == EINTR
                guard rc == 0 else { close(fd); return .failure(.system("cannot lock '\(path)': \(String(cString: strerror(errno)))")) }
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino {
                return .success(FileLock(path: path, fd: fd))
            }
            close(fd)
        }
        return .failure(.system("cannot lock '\(path)': it keeps being replaced"))
    }

    /// Whether some open file holds the lock on `path` now, and the holder's process id when
    /// the system says (for `tessera runs`). Takes nothing and creates nothing.
    package static func probe(_ path: String) -> (held: Bool, pid: Int32?) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return (false, nil) }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 { return (false, nil) }  // closing releases it
        return (errno == EWOULDBLOCK, holder(fd))
    }

    /// Deletes the lock file and releases the lock (a finished run leaves nothing behind).
    package func remove() {
        guard fd >= 0 else { return }
        unlink(path)
        release()
    }

    package func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    /// The process holding a `flock` on the file `fd` is open on, from `/proc/locks` (Linux;
    /// nil elsewhere or when it cannot be told).
    static func holder(_ fd: Int32) -> Int32? {
        #if os(Linux)
        var st = stat()
        guard fstat(fd, &st) == 0, let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        let dev = UInt64(st.st_dev)
        let major = ((dev >> 8) & 0xFFF) | ((dev >> 32) & ~0xFFF)
        let minor = (dev & 0xFF) | ((dev >> 12) & ~0xFF)
        let device = String(format: "%02llx:%02llx:%llu", major, minor, UInt64(st.st_ino))
        // "1: FLOCK  ADVISORY  WRITE 7494 fe:00:16222357 0 EOF"
        for line in table.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            if f.count >= 6, f[1] == "FLOCK", f[5] == device, let pid = Int32(f[4]), pid > 0 { return pid }
        }
        return nil
        #else
        return nil
        #endif
    }

    /// "process 1234" or "another process", for messages.
    package static func describe(_ pid: Int32?) -> String {
        pid.map { "process \($0)" } ?? "another process"
    }
}
