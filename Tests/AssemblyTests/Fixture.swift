import BrandContext
import Catalog
import Foundation
import Liquid
import TestSupport

@testable import Assembly

/// The shipped brand and catalog, a pinned clock, and helpers to render crafted records.
enum Fixture {
    static let now = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!
    static let brand: Brand = BrandLoader.load(directory: Corpus.project("brand")).brand!
    static let catalog: Catalog = CatalogLoader.load(project: Corpus.packageRoot, brand: brand).catalog!

    static func assembler(template: String? = nil, guard g: any RecipientGuard = NoGuard()) -> Assembler {
        Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(defaultTemplate: template, now: now, recipientGuard: g))
    }

    static func render(_ json: String, template: String? = nil, guard g: any RecipientGuard = NoGuard()) -> RenderedRecipient {
        assembler(template: template, guard: g).render(line: Array(json.utf8), number: 1)
    }

    /// A welcome recipient in the US with the given extra JSON members.
    static func welcome(_ extra: String = "", id: String = "t1") -> String {
        #"{"id":"\#(id)","email":"a@example.com","locale":"en-US","market":"US","consent":{"email":true,"personalization":true},"decision":{"action":"welcome","group":"treatment"},"profile":{"first_name":"Ann"}\#(extra)}"#
    }
}

extension RenderedRecipient {
    func codes(_ prefix: String) -> [Reason] { reasons.filter { $0.code == prefix } }
    func has(_ code: String, _ fragment: String = "") -> Bool {
        reasons.contains { $0.code == code && (fragment.isEmpty || $0.detail.contains(fragment)) }
    }
}
