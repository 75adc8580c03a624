import Foundation

/// A user error of the preview, or a file it could not read or write. Each case says what went
/// wrong and carries what the message names; `description` is the sentence the CLI prints.
package enum PreviewError: Error, CustomStringConvertible, Sendable {
    /// `--template` names no template of the catalog (`known`: the ids it has).
    case unknownTemplate(String, known: [String])
    /// `--baseline` names neither a preview folder nor a manifest that can be read.
    case cannotReadBaseline(path: String)
    /// The baseline file is not JSON with a `permutations` list.
    case notAManifest(path: String)
    /// The output folder could not be created (`reason`: the system's message).
    case cannotCreateFolder(path: String, reason: String)
    /// A file of the preview could not be written.
    case cannotWrite(path: String, reason: String)
    /// Chromium ended without writing the screenshot (`stderr`: the end of what it printed).
    case noScreenshot(page: String, exitStatus: Int32, stderr: String)
    /// Screenshots failed for `count` permutations; `first` says why for the first of them.
    case screenshotsFailed(count: Int, first: String)

    package var description: String {
        switch self {
        case let .unknownTemplate(id, known):
            "--template '\(id)' is not a template (known: \(known.joined(separator: ", ")))"
        case let .cannotReadBaseline(path): "cannot read \(path) (expected a preview folder holding \(Manifest.fileName))"
        case let .notAManifest(path): "\(path): not a preview manifest (expected an object with \"permutations\")"
        case let .cannotCreateFolder(path, reason): "cannot create folder '\(path)': \(reason)"
        case let .cannotWrite(path, reason): "cannot write '\(path)': \(reason)"
        case let .noScreenshot(page, status, stderr): "Chromium wrote no screenshot of \(page) (exit \(status)): \(stderr)"
        case let .screenshotsFailed(count, first): "screenshots failed for \(count) permutation(s); first: \(first)"
        }
    }
}
