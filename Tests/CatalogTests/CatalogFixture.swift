import BrandContext
import Catalog
import Foundation
import TestSupport

/// The shipped brand, and scratch projects holding the shipped content plus edits.
enum CatalogFixture {
    static let brand: Brand = {
        let r = BrandLoader.load(directory: Corpus.project("brand"), displayPrefix: "brand")
        guard let b = r.brand else { fatalError("shipped brand does not load: \(r.diagnostics)") }
        return b
    }()

    static func loadShipped() -> CatalogLoadResult {
        CatalogLoader.load(project: Corpus.packageRoot, brand: brand)
    }

    /// A temporary project with copies of `templates/` and `blocks/`, then `files` written over them.
    static func project(_ files: [String: String], removing: [String] = []) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for folder in ["templates", "blocks"] {
            try FileManager.default.copyItem(at: Corpus.packageRoot.appendingPathComponent(folder), to: dir.appendingPathComponent(folder))
        }
        for r in removing { try? FileManager.default.removeItem(at: dir.appendingPathComponent(r)) }
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func load(_ files: [String: String], removing: [String] = []) throws -> CatalogLoadResult {
        CatalogLoader.load(project: try project(files, removing: removing), brand: brand)
    }
}
