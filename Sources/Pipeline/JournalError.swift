import Foundation

/// Errors a user can cause with `--journal`, `--resume`, `--out` and `runs`. Each case says what
/// went wrong and carries what the message names; `description` is the message the CLI prints.
package enum JournalError: Error, CustomStringConvertible, Sendable {
    // The journal.

    /// The journal file could not be opened or its schema made (`reason`: SQLite's error).
    case cannotOpen(journal: String, reason: String)
    /// SQLite refused to read the journal (`reason`: its message).
    case cannotRead(journal: String, reason: String)
    /// SQLite refused to record the recipient of input line `line` (`reason`: its message).
    case cannotRecord(line: Int, reason: String)
    /// `--run-id` names a run the journal already holds.
    case runExists(run: String, journal: String)
    /// Another process is writing the run (`holder` describes it: "process 123").
    case runBusy(run: String, holder: String)
    /// Another run holds the journal's frequency caps.
    case capsBusy(journal: String, holder: String)
    /// A resumed run's recipients differ from those it committed through `committedLines`.
    case inputChanged(run: String, committedLines: Int, recipients: String)

    // The output a run writes.

    /// Another run is writing the output (`lock`: the lock file it holds).
    case outputBusy(path: String, holder: String, lock: String)
    /// The output exists and is not Tessera's (see `OutputOwnership`), and `--force` was not given.
    case notTesseraOutput(path: String)
    /// The output path is a folder.
    case outputIsFolder(path: String)
    /// A run can only be resumed into a regular file.
    case cannotResumeInto(path: String)
    /// The output (or its partial file) cannot be opened for writing (`reason`: strerror).
    case cannotOpenOutput(path: String, reason: String)
    /// Neither the partial file nor the output of a resumed run can be opened.
    case cannotReopen(partial: String, path: String, reason: String)
    /// The output is shorter than the offset the journal committed: it was replaced.
    case outputShorter(path: String, size: Int, committed: Int)
    /// The output could not be cut back to the committed offset.
    case cannotTruncate(path: String, offset: Int)
    /// The caller's descriptor could not be duplicated (`reason`: strerror).
    case cannotUseDescriptor(Int32, reason: String)
    /// Writing the output failed (`reason`: strerror).
    case cannotWriteOutput(reason: String)
    /// A file of an output folder could not be written.
    case cannotWriteFolder(path: String, reason: String)
    /// The finished partial file could not be renamed into place.
    case cannotRename(from: String, to: String, reason: String)

    // Elsewhere.

    /// A lock file could not be made or read (the message of `FileLock.Failure.system`).
    case lockFailed(String)
    /// A message worded by a caller: the CLI's resume checks and the PostgreSQL journal, until
    /// they get cases of their own.
    case other(String)

    /// An error worded by the caller (`other`).
    package init(_ message: String) { self = .other(message) }

    package var description: String {
        switch self {
        case let .cannotOpen(journal, reason): "cannot open journal '\(journal)': \(reason)"
        case let .cannotRead(journal, reason): "reading journal '\(journal)': \(reason)"
        case let .cannotRecord(line, reason): "journal insert failed for line \(line): \(reason)"
        case let .runExists(run, journal):
            "run '\(run)' already exists in \(journal): resume it with --resume \(run), or choose another --run-id"
        case let .runBusy(run, holder):
            "run '\(run)' is being written by \(holder): one process writes a run at a time; wait for it to end (or stop it) before resuming"
        case let .capsBusy(journal, holder): "journal \(journal) frequency caps are held by \(holder)"
        case let .inputChanged(run, lines, recipients):
            "cannot resume run '\(run)': the recipients are not the same as its input through line \(lines) (\(recipients)); resume needs the same input"
        case let .outputBusy(path, holder, lock):
            "'\(path)' is being written by \(holder) (lock \(lock)): one run writes an output at a time; wait for it or choose another --out"
        case let .notTesseraOutput(path):
            "'\(path)' exists and is not Tessera output (\(OutputOwnership.expectation)): not replacing it; use --force to replace it, or choose another --out"
        case let .outputIsFolder(path): "cannot write '\(path)': it is a folder"
        case let .cannotResumeInto(path): "cannot resume into '\(path)': not a regular file"
        case let .cannotOpenOutput(path, reason): "cannot write '\(path)': \(reason)"
        case let .cannotReopen(partial, path, reason):
            "cannot resume: neither '\(partial)' nor '\(path)' can be opened (\(reason))"
        case let .outputShorter(path, size, committed):
            "cannot resume: '\(path)' has \(size) bytes, fewer than the \(committed) the journal committed (was it replaced?)"
        case let .cannotTruncate(path, offset): "cannot truncate '\(path)' to \(offset) bytes"
        case let .cannotUseDescriptor(fd, reason): "cannot write to descriptor \(fd): \(reason)"
        case let .cannotWriteOutput(reason): "cannot write the output: \(reason)"
        case let .cannotWriteFolder(path, reason): "cannot write the output folder \(path): \(reason)"
        case let .cannotRename(from, to, reason): "cannot rename '\(from)' to '\(to)': \(reason)"
        case let .lockFailed(message), let .other(message): message
        }
    }

    /// The C library's message for the current `errno`.
    static var systemReason: String { String(cString: strerror(errno)) }
}
