import BrandContext
import Catalog
import Foundation

@testable import Policy

/// Paths and temporary projects for Policy's tests.
enum PolicyFixtures {
    /// The package root (this file is Tests/PolicyTests/PolicyTestSupport.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let violations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/violations")
    static let lintDay = CalendarDate("2026-11-23")!

    /// A scratch copy of the shipped example (brand, templates, blocks) plus `extra` files
    /// (project-relative path → contents). The caller removes it.
    static func project(extra: [String: String] = [:], copyFrom: [URL] = []) throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["brand", "templates", "blocks"] {
            try fm.copyItem(at: root.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        for (path, text) in extra {
            let url = dir.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func brand() -> Brand {
        BrandLoader.load(directory: root.appendingPathComponent("brand"), displayPrefix: "brand").brand!
    }

    static func catalog(_ brand: Brand) -> Catalog {
        CatalogLoader.load(project: root, brand: brand).catalog!
    }
}
