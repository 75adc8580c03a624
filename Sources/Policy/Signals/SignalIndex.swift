import BrandContext
import Catalog
import Foundation

/// The signal taxonomy applied to data paths and blocks. Shared by lint (what a block can reveal)
/// and the guard (computed once per block, never per recipient).
package struct SignalIndex: Sendable {
    package let guardrails: Guardrails

    package init(guardrails: Guardrails) { self.guardrails = guardrails }

    /// The class of a data path. Paths outside `recipient` are not about the person (nil);
    /// unlisted recipient paths count as `identity` (guardrails.yaml: never silently free).
    package func signalClass(forPath path: String) -> SignalClass? {
        guard path == "recipient" || path.hasPrefix("recipient.") || path.hasPrefix("recipient[") else { return nil }
        return guardrails.signalClass(forPath: path) ?? guardrails.signalClass("identity")
    }

    /// Classes a block reads, sorted by id: its data paths (body and `when`), plus the classes
    /// of event types it names in quotes when it reads `recipient.events` (`e.type == "return"`).
    package func classes(of block: BlockDefinition) -> [SignalClass] {
        var ids: [String: SignalClass] = [:]
        for p in block.paths {
            if let c = signalClass(forPath: p) { ids[c.id] = c }
        }
        if block.paths.contains(where: { $0.hasPrefix("recipient.events") }) {
            for (type, cls) in guardrails.eventSignals where mentions(block, type) {
                if let c = guardrails.signalClass(cls) { ids[c.id] = c }
            }
        }
        return ids.values.sorted { $0.id < $1.id }
    }

    /// Personal classes a block reads (those that count toward the per-message limit).
    package func personalClasses(of block: BlockDefinition) -> Set<String> {
        Set(classes(of: block).filter(\.personal).map(\.id))
    }

    private func mentions(_ block: BlockDefinition, _ word: String) -> Bool {
        let text = block.bodySource + (block.whenSource ?? "")
        return text.contains("\"\(word)\"") || text.contains("'\(word)'")
    }
}
