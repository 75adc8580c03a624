import BrandContext
import Catalog
import Foundation

extension Project {
    /// `blockList()` narrowed to a slot and a tag. A slot or tag no block has is an error with
    /// the known ones (a typo should not read as "no blocks").
    package func blockList(slot: String?, tag: String?) throws(ServiceError) -> JSONText {
        if let slot, !catalog.blocks.contains(where: { $0.slot == slot }) {
            let known = Set(catalog.blocks.map(\.slot)).sorted()
            throw ServiceError(
                .badRequest, "slot.unknown",
                "no block is for slot '\(slot)'\(ContextStore.suggestion(for: slot, in: known)); slots: \(known.joined(separator: ", "))",
                location: "slot")
        }
        if let tag, !catalog.blocks.contains(where: { $0.tags.contains(tag) }) {
            let known = Set(catalog.blocks.flatMap(\.tags)).sorted()
            throw ServiceError(
                .badRequest, "tag.unknown",
                "no block has the tag '\(tag)'\(ContextStore.suggestion(for: tag, in: known)); tags: \(known.joined(separator: ", "))",
                location: "tag")
        }
        guard case .array(let all) = blockList() else { return blockList() }
        let kept = zip(catalog.blocks, all).filter { b, _ in (slot == nil || b.slot == slot) && (tag == nil || b.tags.contains(tag!)) }.map(\.1)
        return .array(kept)
    }
}

extension Project {
    /// One template's `templateList()` entry with its MJML body (front matter excluded).
    package func templateDetail(id: String) throws(ServiceError) -> JSONText {
        guard let i = catalog.templates.firstIndex(where: { $0.id == id }), case .array(let all) = templateList(), case .object(let pairs) = all[i]
        else {
            throw ServiceError(
                .notFound, "template.unknown",
                "no template '\(id)'\(ContextStore.suggestion(for: id, in: catalog.templates.map(\.id))) (templates: \(catalog.templates.map(\.id).joined(separator: ", ")))",
                location: "id")
        }
        return .object(pairs + [("source", .string(catalog.templates[i].bodySource))])
    }

    /// One block's `blockList()` entry with its MJML body (front matter excluded).
    package func blockDetail(id: String) throws(ServiceError) -> JSONText {
        guard let i = catalog.blocks.firstIndex(where: { $0.id == id }), case .array(let all) = blockList(), case .object(let pairs) = all[i] else {
            throw ServiceError(
                .notFound, "block.unknown", "no block '\(id)'\(ContextStore.suggestion(for: id, in: catalog.blocks.map(\.id)))", location: "id")
        }
        return .object(pairs + [("source", .string(catalog.blocks[i].bodySource))])
    }
}
