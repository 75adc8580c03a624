import Diagnostics
import Foundation
import TestSupport

@testable import BrandContext

/// A throwaway copy of the shipped brand that a test may break in one place.
struct BrandFixture {
    let root: URL
    var brand: URL { root.appendingPathComponent("brand") }
    var database: URL { root.appendingPathComponent("context.sqlite") }

    static let shipped = Corpus.project("brand")

    /// - Parameter name: a fixed folder name (reused, emptied first) for fixtures shared by a
    ///   suite that has no teardown; nil for a unique folder the test removes itself.
    init(name: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(name ?? "tessera-brand-\(UUID().uuidString)")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.shipped, to: brand)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func text(_ file: String) throws -> String {
        try String(contentsOf: brand.appendingPathComponent(file), encoding: .utf8)
    }

    func write(_ file: String, _ text: String) throws {
        let url = brand.appendingPathComponent(file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` (which must exist) and returns where the
    /// replacement starts, 1-based, as libyaml counts (line, column in Unicode scalars).
    @discardableResult
    func replace(_ file: String, _ old: String, with new: String, after anchor: String? = nil) throws -> (line: Int, column: Int) {
        let text = try text(file)
        let searchStart = anchor.flatMap { text.range(of: $0)?.upperBound } ?? text.startIndex
        guard let range = text.range(of: old, range: searchStart..<text.endIndex) else {
            throw FixtureError(description: "'\(old)' not found in \(file)")
        }
        try write(file, text.replacingCharacters(in: range, with: new))
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = (before.split(separator: "\n", omittingEmptySubsequences: false).last?.unicodeScalars.count ?? 0) + 1
        return (line, column)
    }

    func load() -> BrandLoadResult { BrandLoader.load(directory: brand, displayPrefix: "brand") }
}

struct FixtureError: Error, CustomStringConvertible { let description: String }

extension BrandLoadResult {
    /// The errors at `file:line` (any column), for precise location checks.
    func errors(at file: String, line: Int) -> [Diagnostic] {
        errors.filter { $0.location.file == "brand/\(file)" && $0.location.line == line }
    }
}
