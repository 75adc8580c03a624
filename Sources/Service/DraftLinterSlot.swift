import Foundation
import Policy

/// The project's `DraftLinter`, built on first use: its voice rules cost a few milliseconds to
/// compile, which a server that never checks a draft should not pay on every reload.
final class DraftLinterSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var linter: DraftLinter?

    func get(_ make: () -> DraftLinter) -> DraftLinter {
        lock.lock()
        defer { lock.unlock() }
        if let linter { return linter }
        let made = make()
        linter = made
        return made
    }
}

extension Project {
    /// Checks drafts against this project's brand and catalog.
    public var draftLinter: DraftLinter { drafts.get { DraftLinter(brand: brand, catalog: catalog) } }
}
