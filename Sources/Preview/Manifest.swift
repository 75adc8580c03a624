import Foundation

/// A permutation as a previous preview recorded it (`manifest.json`).
package struct BaselineEntry: Sendable, Equatable {
    package var id: String
    package var blocks: [String]
    package var contentHash: String
}

/// `DIR/manifest.json`: machine-readable, written with every preview, read by `--baseline`.
package enum Manifest {
    package static let fileName = "manifest.json"

    package static func json(_ r: PreviewResult) -> String {
        var out = "{\n"
        out += "  \"format\": \"tessera-preview/1\",\n"
        out += "  \"template\": \(PageJSON.quote(r.template)),\n"
        out += "  \"channel\": \(PageJSON.quote(r.channel)),\n"
        out += "  \"now\": \(PageJSON.quote(ISO8601DateFormatter().string(from: r.now))),\n"
        out += "  \"recipients\": \(PageJSON.quote(r.recipientsSource)),\n"
        out +=
            "  \"enumeration\": {\"representatives\": \(r.stats.representatives), \"permutations\": \(r.stats.enumerated), \"truncated\": \(r.stats.truncated), "
        out +=
            "\"sample_recipients\": \(r.stats.sampleRecipients), \"sample_rendered\": \(r.stats.sampleRendered), \"sample_permutations\": \(r.stats.samplePermutations), "
        out += "\"missed\": \(PageJSON.array(r.missed))},\n"
        out += "  \"segments\": [\n"
        out += r.segments.map { s in
            let perms = s.permutations.map { id in "{\"id\": \(PageJSON.quote(id)), \"count\": \(r.permutation(id)?.counts[s.name] ?? 0)}" }
            return
                "    {\"name\": \(PageJSON.quote(s.name)), \"routed\": \(s.routed), \"rendered\": \(s.rendered), \"suppressed\": \(s.suppressed), \"held\": \(s.held), \"permutations\": [\(perms.joined(separator: ", "))]}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"permutations\": [\n"
        out += r.permutations.map { p in
            var s =
                "    {\"id\": \(PageJSON.quote(p.id)), \"file\": \(PageJSON.quote("p/\(p.id).html")), \"content_hash\": \(PageJSON.quote(p.contentHash)), "
            s +=
                "\"blocks\": \(PageJSON.array(p.blocks)), \"slots\": {\(p.slots.map { "\(PageJSON.quote($0.slot)): \(PageJSON.array($0.blocks))" }.joined(separator: ", "))}, "
            s += "\"claims\": \(PageJSON.array(p.claims)), \"signals\": \(PageJSON.array(p.signals)), "
            s += "\"personalized\": [\(p.personalized.map { $0 ? "true" : "false" }.joined(separator: ", "))], "
            s += "\"enumerated\": \(p.enumerated), \"recipients\": \(p.total), "
            s += "\"counts\": {\(p.counts.keys.sorted().map { "\(PageJSON.quote($0)): \(p.counts[$0]!)" }.joined(separator: ", "))}, "
            s +=
                "\"representative\": \(PageJSON.quote(p.representative)), \"representative_record\": \(p.representativeJSON.isEmpty ? "null" : p.representativeJSON), \"render\": \(PageJSON.quote(p.renderStatus)), "
            s += "\"subject\": \(PageJSON.quote(p.subject)), "
            s += "\"lint\": {\"errors\": \(p.lintErrors), \"warnings\": \(p.lintWarnings), \"findings\": \(p.lint.count)}, "
            s += "\"change\": \(PageJSON.quote(p.change.rawValue))}"
            return s
        }.joined(separator: ",\n")
        out +=
            "\n  ],\n  \"gone\": [\(r.gone.map { "{\"id\": \(PageJSON.quote($0.id)), \"blocks\": \(PageJSON.array($0.blocks)), \"content_hash\": \(PageJSON.quote($0.contentHash))}" }.joined(separator: ", "))]\n}\n"
        return out
    }

    /// Reads a previous preview's manifest (from its folder or the file itself).
    package static func readBaseline(_ url: URL) throws -> (template: String, entries: [BaselineEntry]) {
        var file = url
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue { file = url.appendingPathComponent(fileName) }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PreviewError.cannotReadBaseline(path: file.path)
        }
        guard let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let perms = obj["permutations"] as? [[String: Any]]
        else {
            throw PreviewError.notAManifest(path: file.path)
        }
        let entries = perms.compactMap { p -> BaselineEntry? in
            guard let id = p["id"] as? String, let hash = p["content_hash"] as? String else { return nil }
            return BaselineEntry(id: id, blocks: p["blocks"] as? [String] ?? [], contentHash: hash)
        }
        return (obj["template"] as? String ?? "", entries)
    }
}
