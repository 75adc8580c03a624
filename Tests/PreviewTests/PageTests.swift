import Foundation
import Testing

@testable import Preview

@Suite("Preview page and files")
struct PageTests {
    static func write(_ r: PreviewResult, _ name: String) throws -> URL {
        let folder = PreviewFixture.temporaryFolder(name)
        try PreviewFiles.write(r, to: folder)
        return folder
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test func indexShowsEveryPermutationOfEverySegment() throws {
        let r = PreviewFixture.shipped["welcome"]!
        let folder = try Self.write(r, "index")
        let html = try Self.read(folder.appendingPathComponent("index.html"))
        for s in r.segments {
            let start = try #require(
                html.range(of: "<section class=\"segment\" data-segment=\"\(HTML.escape(s.name))\">"), "no section for \(s.name)")
            let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)!.lowerBound
            let section = String(html[start.upperBound..<end])
            #expect(section.contains("\(s.routed) recipients routed here"))
            #expect(s.permutations.count == r.permutations.filter { p in p.counts[s.name] != nil || s.permutations.contains(p.id) }.count)
            for id in s.permutations {
                let p = r.permutation(id)!
                let card = try #require(section.range(of: "<article class=\"card\" data-perm=\"\(id)\""), "\(s.name): no card \(id)")
                let body = String(section[card.lowerBound...].prefix { _ in true }.split(separator: "</article>", maxSplits: 1)[0])
                let n = p.counts[s.name] ?? 0
                #expect(body.contains("\(n) recipient\(n == 1 ? "" : "s")</span>"))
                #expect(body.contains("data-width=\"600\"") && body.contains("data-width=\"375\""))
                for b in p.blocks { #expect(body.contains("<code>\(b)</code>")) }
                for c in p.claims { #expect(body.contains("<code>\(c)</code>")) }
                for sig in p.signals { #expect(body.contains("<code>\(sig)</code>")) }
                #expect(body.contains("<dt>Lint</dt>") && body.contains(HTML.escape(p.lintSummary)))
                #expect(body.contains("href=\"p/\(id).html\""))
            }
        }
        // Filters by segment and by block.
        for s in r.segments { #expect(html.contains("<option>\(HTML.escape(s.name))</option>")) }
        for b in Set(r.permutations.flatMap(\.blocks)) { #expect(html.contains("<option>\(b)</option>")) }
        #expect(html.contains("id=\"f-segment\"") && html.contains("id=\"f-block\""))
        // Self-contained: each message embedded once, nothing fetched by the page itself.
        for p in r.permutations { #expect(html.contains("\"\(p.id)\":\"")) }
        // (The messages themselves may name web fonts; the page around them fetches nothing.)
        let store = try #require(html.range(of: "<script id=\"previews\" type=\"application/json\">"))
        let page =
            String(html[..<store.lowerBound]) + String(html[html.range(of: "</script>", range: store.upperBound..<html.endIndex)!.upperBound...])
        #expect(!page.contains("<link") && !page.contains("<script src") && !page.contains("@import") && !page.contains("src=\"http"))
        #expect(html.components(separatedBy: "<script").count == 3)
    }

    /// A card is titled by the blocks that set its permutation apart (not by the hash id):
    /// blocks every permutation shares are left out, and no two cards read the same.
    @Test func cardsAreNamedByTheBlocksThatDiffer() throws {
        let r = PreviewFixture.shipped["welcome"]!
        #expect(r.permutations.count > 1)
        let html = try Self.read(try Self.write(r, "names").appendingPathComponent("index.html"))
        let shared = r.permutations.dropFirst().reduce(Set(r.permutations[0].blocks)) { $0.intersection($1.blocks) }
        var titles: [String] = []
        for p in r.permutations {
            let start = try #require(html.range(of: "<article class=\"card\" data-perm=\"\(p.id)\""))
            let header = try #require(html.range(of: "</header>", range: start.upperBound..<html.endIndex))
            let head = String(html[start.upperBound..<header.lowerBound])
            let open = try #require(head.range(of: "<a class=\"name\" href=\"p/\(p.id).html\">"), "\(head)")
            let title = String(head[open.upperBound...].prefix { $0 != "<" })
            let named = title.components(separatedBy: " + ")
            #expect(named == p.blocks.filter { !shared.contains($0) }, "\(p.id): \(title)")
            #expect(!title.contains(p.id))
            titles.append(title)
        }
        #expect(Set(titles).count == titles.count, "\(titles)")
    }

    @Test func eachPermutationHasItsOwnFile() throws {
        let r = PreviewFixture.shipped["home-hero"]!
        let folder = try Self.write(r, "files")
        for p in r.permutations {
            let file = try Self.read(folder.appendingPathComponent("p/\(p.id).html"))
            #expect(file == p.html)
            #expect(file.contains("<html") && !p.subject.isEmpty)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("p").path)
        #expect(names.count == r.permutations.count)
    }

    @Test func manifestIsMachineReadable() throws {
        let r = PreviewFixture.shipped["welcome"]!
        let folder = try Self.write(r, "manifest")
        let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(obj["format"] as? String == "tessera-preview/1")
        #expect(obj["template"] as? String == "welcome")
        let perms = try #require(obj["permutations"] as? [[String: Any]])
        #expect(perms.map { $0["id"] as? String } == r.permutations.map(\.id))
        for (m, p) in zip(perms, r.permutations) {
            #expect(m["content_hash"] as? String == p.contentHash)
            #expect(m["blocks"] as? [String] == p.blocks)
            #expect(m["recipients"] as? Int == p.total)
            #expect(m["representative_record"] is [String: Any])
        }
        let segs = try #require(obj["segments"] as? [[String: Any]])
        #expect(segs.map { $0["name"] as? String } == r.segments.map(\.name))
        let back = try Manifest.readBaseline(folder)
        #expect(back.template == "welcome")
        #expect(back.entries.map(\.id) == r.permutations.map(\.id))
    }

    @Test func baselineMarksNewChangedAndGone() throws {
        let current = PreviewFixture.shipped["home-hero"]!
        var entries = current.permutations.map { BaselineEntry(id: $0.id, blocks: $0.blocks, contentHash: $0.contentHash) }
        let dropped = entries.removeFirst()  // not in the baseline: new
        entries[0].contentHash = "0000000000000000"  // different content: changed
        entries.append(BaselineEntry(id: "home-hero-deadbeef", blocks: ["page-hero-old"], contentHash: "1"))  // gone
        let r = try PreviewFixture.preview("home-hero", baseline: entries)
        #expect(r.permutation(dropped.id)?.change == .new)
        #expect(r.permutation(entries[0].id)?.change == .changed)
        #expect(r.permutations.filter { $0.change == .unchanged }.count == current.permutations.count - 2)
        #expect(r.gone.map(\.id) == ["home-hero-deadbeef"])
        let folder = try Self.write(r, "baseline")
        let html = try Self.read(folder.appendingPathComponent("index.html"))
        #expect(html.contains("<span class=\"badge new\">new</span>") && html.contains("<span class=\"badge changed\">changed</span>"))
        #expect(html.contains("home-hero-deadbeef") && html.contains("id=\"f-change\""))
        let text = PermutationTable.render(r)
        #expect(text.contains("[new]") && text.contains("[changed]") && text.contains("gone since baseline: home-hero-deadbeef"))
        // Against itself: nothing new, changed or gone.
        let same = try PreviewFixture.preview(
            "home-hero", baseline: current.permutations.map { BaselineEntry(id: $0.id, blocks: $0.blocks, contentHash: $0.contentHash) })
        #expect(same.permutations.allSatisfy { $0.change == .unchanged } && same.gone.isEmpty)
    }

    @Test func textTableListsSegmentPermutationBlocksCount() throws {
        let r = PreviewFixture.shipped["home-hero"]!
        let lines = PermutationTable.render(r).split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("SEGMENT") && lines[0].contains("PERMUTATION") && lines[0].contains("BLOCKS") && lines[0].hasSuffix("COUNT"))
        let rows = r.segments.reduce(0) { $0 + $1.permutations.count }
        #expect(lines.count >= rows + 2)
        for s in r.segments {
            for id in s.permutations {
                let p = r.permutation(id)!
                #expect(
                    lines.contains {
                        $0.hasPrefix(s.name) && $0.contains(id) && $0.contains(p.blocks.joined(separator: ", "))
                            && $0.hasSuffix(" \(p.counts[s.name] ?? 0)")
                    })
            }
        }
    }

    @Test func outputIsDeterministic() throws {
        let a = try PreviewFixture.preview("home-hero")
        let b = try PreviewFixture.preview("home-hero")
        let fa = try Self.write(a, "det-a"), fb = try Self.write(b, "det-b")
        for f in ["index.html", "manifest.json"] {
            #expect(try Self.read(fa.appendingPathComponent(f)) == Self.read(fb.appendingPathComponent(f)))
        }
    }

    @Test func segmentOptionRestrictsTheGrids() throws {
        let r = try PreviewFixture.preview("home-hero", segments: ["pacific-northwest", "(none)"])
        #expect(r.segments.map(\.name) == ["pacific-northwest", "(none)"])
        // page-hero-rain needs the pacific-northwest segment: reachable there, never for a
        // recipient in no segment.
        let rain = r.permutations.filter { $0.blocks.contains("page-hero-rain") }.map(\.id)
        #expect(!rain.isEmpty)
        #expect(rain.allSatisfy { r.segments[0].permutations.contains($0) })
        #expect(rain.allSatisfy { !r.segments[1].permutations.contains($0) })
    }
}
