import Foundation
import TestSupport
import Testing

/// The guard through the `tessera render` command itself (the built executable next to the test
/// bundle), on crafted recipients: one NDJSON line per rule, reasons checked per output line.
@Suite struct RenderCommandTests {
    static var binary: URL? { TesseraExecutable.url }

    static func line(
        _ id: String, action: String = "welcome", offer: String = "none", profile: String = #""first_name":"Ann""#, segments: String = "",
        events: String = "", recs: String = "", personalization: Bool = true
    ) -> String {
        #"{"id":"\#(id)","email":"\#(id)@example.com","locale":"en-US","market":"US","consent":{"email":true,"personalization":\#(personalization)},"segments":[\#(segments)],"decision":{"action":"\#(action)","offer":"\#(offer)","group":"treatment"},"profile":{\#(profile)},"events":[\#(events)],"recommendations":[\#(recs)]}"#
    }

    @Test func sevenRulesThroughTesseraRender() throws {
        let tessera = try #require(TesseraExecutable.url, Comment(rawValue: TesseraExecutable.missing))
        let rec =
            #"{"sku":"cinder-merino-base","name":"Cinder Merino Base Layer","price":89,"url":"https://www.larchwood.com/p/c?utm_source=larchwood&utm_medium=email&utm_campaign=recs","image":"https://cdn.larchwood.com/img/c.jpg"}"#
        let buys = (1...3).map { #"{"type":"purchase","at":"2026-0\#($0)-02T00:00:00Z","sku":"cinder-merino-base"}"# }.joined(separator: ",")
        let lines = [
            Self.line("r1", offer: "ember", events: #"{"type":"support_ticket","at":"2026-11-20T10:00:00Z","sentiment":"negative"}"#),
            Self.line(
                "r2", action: "post_purchase", offer: "loyalty_upgrade",
                profile: #""first_name":"Ann","loyalty_tier":"trail","last_order":{"name":"Stormline","category":"rain"}"#, segments: #""churned""#),
            Self.line("r3", events: buys, recs: rec),
            Self.line("r4", profile: #""first_name":"Annabelle","loyalty_tier":"summit","points_balance":900"#, personalization: false),
            Self.line(
                "r5",
                profile: #""first_name":"Ann","loyalty_tier":"trail","points_balance":0,"last_order":{"category":"outerwear","name":"Stormline"}"#,
                recs: rec.replacingOccurrences(of: "cinder-merino-base", with: "tarn-daypack-28")),
            Self.line("r6", profile: #""first_name":"Ann","loyalty_tier":"summit","points_balance":900"#),
            Self.line(
                "r7", action: "cart_abandonment",
                profile: #""first_name":"Ann","cart":[{"sku":"a","name":"Boot","price":189,"image":"https://cdn.larchwood.com/img/a.jpg"}]"#,
                events: #"{"type":"purchase","at":"2026-11-21T08:00:00Z","sku":"b"}"#),
        ]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("policy-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.ndjson"), output = dir.appendingPathComponent("out.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = tessera
        p.arguments = [
            "render", "--project", PolicyFixtures.root.path, "--recipients", input.path, "--out", output.path,
            "--now", "2026-11-23T09:00:00Z", "--quiet",
        ]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let out = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map { line -> [String: Any] in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
        }
        #expect(out.count == 7)
        func codes(_ i: Int) -> [String] { ((out[i]["reasons"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String } }
        func blocks(_ i: Int) -> [String] { (out[i]["blocks"] as? [String]) ?? [] }
        #expect(codes(0).contains("guard.negative-support-no-upsell") && !blocks(0).contains("upsell-ember"))
        #expect(codes(1).contains("guard.churned-no-loyalty-upgrade") && !blocks(1).contains("loyalty-upgrade-summit"))
        #expect(codes(2).contains("guard.no-rerecommend-frequent-buys") && !((out[2]["html"] as? String) ?? "").contains("Cinder Merino"))
        #expect(out[3]["personalized"] as? Bool == false && !((out[3]["html"] as? String) ?? "").contains("Annabelle"))
        #expect(codes(4).contains("guard.max-personal-signals"))
        #expect(codes(5).contains("guard.signal-variety") && !blocks(5).contains("loyalty-points"))
        #expect(out[6]["status"] as? String == "held" && codes(6).contains("guard.recent-purchase-no-cart-nudge"))
    }
}
