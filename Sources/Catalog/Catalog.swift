import BrandContext
import Diagnostics
import Foundation
import Liquid

/// The compiled `templates/` and `blocks/` of a project: immutable and Sendable, loaded once per
/// run (`CatalogLoader.load`), read by Assembly (selection, rendering) and Policy (lint).
public struct Catalog: Sendable {
    /// Sorted by id.
    public let templates: [TemplateDefinition]
    /// Sorted by id.
    public let blocks: [BlockDefinition]
    /// The Liquid environment bodies were parsed with (`ContentEnvironment.make`).
    public let environment: Environment
    public let projectRoot: URL

    private let templateIndex: [String: Int]
    private let blockIndex: [String: Int]

    init(templates: [TemplateDefinition], blocks: [BlockDefinition], environment: Environment, projectRoot: URL) {
        self.templates = templates.sorted { $0.id < $1.id }
        self.blocks = blocks.sorted { $0.id < $1.id }
        self.environment = environment
        self.projectRoot = projectRoot
        templateIndex = Dictionary(self.templates.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        blockIndex = Dictionary(self.blocks.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func template(_ id: String) -> TemplateDefinition? { templateIndex[id].map { templates[$0] } }
    public func block(_ id: String) -> BlockDefinition? { blockIndex[id].map { blocks[$0] } }

    /// The template serving a decision action (the first by id), if any.
    public func template(forAction action: String) -> TemplateDefinition? {
        templates.first { $0.actions.contains(action) }
    }

    /// Blocks that may fill `slot` of a template: same slot name, sharing a tag with `accepts`,
    /// sorted by id.
    public func candidates(for slot: SlotDefinition) -> [BlockDefinition] {
        blocks.filter { $0.slot == slot.name && $0.tags.contains(where: slot.accepts.contains) }
    }

    /// The MJML+Liquid source of one permutation: the template body with each slot replaced by
    /// the bodies of its chosen blocks, in order. Compile it with `environment.parse`.
    public func composeSource(_ template: TemplateDefinition, blocks chosen: [String: [BlockDefinition]]) -> String {
        composeSourceWithOrigins(template, blocks: chosen).source
    }

    /// `composeSource` and where each part of it came from (template, partial or block file),
    /// so an error in the composed template can name the real place.
    public func composeSourceWithOrigins(_ template: TemplateDefinition, blocks chosen: [String: [BlockDefinition]]) -> (
        source: String, origins: SourceOrigins
    ) {
        var out = ""
        for part in template.markedParts {
            switch part {
            case .text(let t): out += t
            case .slot(let name):
                for b in chosen[name] ?? [] { out += b.markedSource; out += "\n" }
            }
        }
        return SourceOrigins.strip(out)
    }
}

/// A catalog load: the catalog (nil when any error) and every problem found, sorted by place.
public struct CatalogLoadResult: Sendable {
    public var catalog: Catalog?
    public var diagnostics: [Diagnostic]
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}
