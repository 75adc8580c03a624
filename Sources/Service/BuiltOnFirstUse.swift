import Foundation
import Policy

/// A value of a project built on first use and kept for the project's life: the brand's
/// compiled lint rules cost milliseconds to build (every voice rule's regexes), which a server
/// that never lints should not pay on every reload, and an editor's should pay once per load,
/// not once per keystroke.
final class BuiltOnFirstUse<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func get(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}

extension Project {
    /// The brand's lint rules compiled, shared by every lint of this project (editor, service,
    /// drafts, preview).
    package var lintRules: BrandLintRules { compiledRules.get { BrandLintRules(brand: brand) } }

    /// Checks drafts against this project's brand and catalog.
    package var draftLinter: DraftLinter { drafts.get { DraftLinter(rules: lintRules, catalog: catalog) } }
}
