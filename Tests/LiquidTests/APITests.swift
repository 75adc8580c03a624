import Foundation
import Testing

@testable import Liquid

/// The API later modules use: predicates, custom tags and filters, buffers, threads, loaders.
@Suite struct APITests {
    /// The reader skips string bytes a word at a time: escapes and quotes at every offset of a word.
    @Test func jsonStringsWithEscapesAtEveryOffset() throws {
        for escape in [#"\""#, #"\\"#, #"\n"#, #"\u00e9"#, "é", "😀", "€"] {
            for offset in 0..<17 {
                let json = "[\"" + String(repeating: "a", count: offset) + escape + String(repeating: "b", count: 16 - offset) + "\"]"
                let expected = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String]
                guard case .array(let items) = try Value.parseJSON(json), case .string(let s)? = items.first else {
                    Issue.record("not an array of one string: \(json)")
                    continue
                }
                #expect(s == expected[0], "\(json)")
            }
        }
    }

    /// Objects are copy-on-write with their entries inline; past 16 keys they keep a hash index.
    @Test func objectsCopyOnWriteGrowAndRemove() throws {
        var a = LiquidObject()
        for i in 0..<20 { a["k\(i)"] = .int(i) }
        var b = a
        b["k3"] = "changed"
        b["k20"] = .int(20)
        b["k0"] = nil
        #expect(a.count == 20 && b.count == 20)
        if case .int(3)? = a["k3"] {} else { Issue.record("the original changed with its copy") }
        if case .string("changed")? = b["k3"] {} else { Issue.record("the copy lost a write") }
        #expect(a["k20"] == nil && b["k0"] == nil)
        #expect(b.keys == (1...20).map { "k\($0)" })
        if case .int(19)? = b["k19"] {} else { Issue.record("index wrong after a removal") }
        for key in ["k1", "k2", "k5", "k6"] { b[key] = nil }  // back under 16 keys: linear scan again
        #expect(b.count == 16 && b["k7"] != nil && b["k5"] == nil)
        let empty = LiquidObject()
        var c = empty
        c["x"] = true
        #expect(empty.isEmpty && c.count == 1)
        // Duplicate keys in JSON: the later one wins, in the first one's place.
        guard case .object(let d) = try Value.parseJSON(#"{"x": 1, "y": 2, "x": 3}"#) else { Issue.record("not an object"); return }
        #expect(d.keys == ["x", "y"])
        if case .int(3)? = d["x"] {} else { Issue.record("later duplicate should win") }
    }

    /// The parser moves members off its stacks: it must survive a syntax error mid-document (what
    /// was pushed is dropped), grow past its first capacity, and keep later duplicates.
    @Test func jsonParserReuseGrowthAndDuplicates() throws {
        let parser = JSONParser()
        #expect(throws: JSONParseError.self) { try parser.parse(Array(#"{"a": [1, 2, {"b": "a string longer than fifteen bytes", "c": "#.utf8)) }
        let keys = (0..<40).map { "key\($0)" }
        let wide = "{" + keys.map { "\"\($0)\": \"value of \($0), long enough to allocate\"" }.joined(separator: ", ") + ", \"key3\": 3}"
        let items = "[" + (0..<100).map { #"{"n": \#($0), "s": "item \#($0) with a long string"}"# }.joined(separator: ", ") + "]"
        for _ in 0..<3 {
            guard case .object(let o) = try parser.parse(Array(wide.utf8)) else { Issue.record("not an object"); return }
            #expect(o.keys == keys)
            if case .int(3)? = o["key3"] {} else { Issue.record("later duplicate should win") }
            if case .string("value of key39, long enough to allocate")? = o["key39"] {} else { Issue.record("key39") }
            guard case .array(let a) = try parser.parse(Array(items.utf8)), a.count == 100, case .object(let last) = a[99] else {
                Issue.record("array"); return
            }
            if case .string("item 99 with a long string")? = last["s"] {} else { Issue.record("item 99") }
            guard case .object(let nested) = try parser.parse(Array(#"{"a": [1, [2, [3, {"b": [4]}]]], "c": {}}"#.utf8)) else {
                Issue.record("nested"); return
            }
            #expect(nested.keys == ["a", "c"])
        }
    }

    /// A parser reuses string values it has seen; a cached string must be returned only for
    /// exactly its bytes (same length, same first and last eight bytes, different middle; and
    /// invalid UTF-8, which decodes to different bytes).
    @Test func jsonParserStringCacheReturnsOnlyExactMatches() throws {
        let parser = JSONParser()
        func parsed(_ bytes: [UInt8]) throws -> String? {
            guard case .array(let a) = try parser.parse(bytes), case .string(let s)? = a.first else { return nil }
            return s
        }
        func document(_ inner: [UInt8]) -> [UInt8] { Array(#"[""#.utf8) + inner + Array(#""]"#.utf8) }
        for middle in ["MIDDLE-1", "MIDDLE-2", "MIDDLE-1", "MIDDLE-é"] {
            let text = "aaaaaaaa-\(middle)-bbbbbbbb"
            #expect(try parsed(document(Array(text.utf8))) == text)
        }
        let invalid: [UInt8] = Array("aaaaaaaa-".utf8) + [0xFF, 0xFE] + Array("-bbbbbbbb".utf8)
        for _ in 0..<2 {
            #expect(try parsed(document(invalid)) == String(decoding: invalid, as: UTF8.self))
        }
        let long = String(repeating: "x", count: 200)  // past the cached lengths
        #expect(try parsed(document(Array(long.utf8))) == long)
    }

    @Test func memberPathReadsNestedObjects() throws {
        let v = try Value.parseJSON(#"{"decision": {"action": "welcome", "n": 3}, "list": [1], "é": {"ü": true}}"#)
        if case .string("welcome")? = v.member(at: MemberPath("decision", "action")) {} else { Issue.record("decision.action") }
        if case .int(3)? = v.member(at: MemberPath(keys: ["decision", "n"])) {} else { Issue.record("decision.n") }
        if case .bool(true)? = v.member(at: MemberPath("é", "ü")) {} else { Issue.record("non-ASCII keys hash as the reader hashes them") }
        #expect(v.member(at: MemberPath("decision", "offer")) == nil)
        #expect(v.member(at: MemberPath("list", "0")) == nil)  // objects only: arrays are not indexed by name
        #expect(v.member(at: MemberPath("missing", "action")) == nil)
    }

    @Test func conditionPredicate() throws {
        let env = Environment()
        let eligible = try env.compileCondition(#"recipient.segments contains "vip" and recipient.profile.tier == "gold""#)
        let vip: Value = ["recipient": ["segments": ["vip", "new"], "profile": ["tier": "gold"]]]
        let other: Value = ["recipient": ["segments": ["new"], "profile": ["tier": "gold"]]]
        #expect(try eligible.evaluate(vip))
        #expect(try !eligible.evaluate(other))
        #expect(try !eligible.evaluate([:]))
    }

    /// One scope serves many predicates (Assembly asks every candidate block's `when` of a
    /// recipient): answers match evaluating each alone, across environments with other settings,
    /// and an error in one leaves the scope usable and locates the error in its own source.
    @Test func predicateScopeSharesOneContext() throws {
        var strict = Environment()
        strict.strictVariables = true
        let lax = Environment()
        let tier = try lax.compileCondition(#"recipient.profile.tier == "gold""#)
        let vip = try lax.compileCondition(#"recipient.segments contains "vip""#)
        let missing = try strict.compileCondition("recipient.nope == 1", name: "b.when")
        let data: Value = ["recipient": ["segments": ["vip"], "profile": ["tier": "silver"]]]
        let scope = PredicateScope(data)
        #expect(try !tier.evaluate(in: scope) && vip.evaluate(in: scope))
        #expect(throws: LiquidError.self) { try missing.evaluate(in: scope) }  // strict: undefined
        do { _ = try missing.evaluate(in: scope) } catch let e as LiquidError { #expect(e.description.hasPrefix("b.when:")) }
        #expect(try !tier.evaluate(in: scope) && vip.evaluate(in: scope))  // lax again, same answers
        #expect(try tier.evaluate(data) == tier.evaluate(in: scope))
    }

    @Test func conditionErrorsHaveLocations() {
        #expect(throws: LiquidError.self) { try Environment().compileCondition("a == ", name: "block.when") }
        do {
            _ = try Environment().compileCondition("a startswith b", name: "block.when")
        } catch let e as LiquidError {
            #expect(e.description == "block.when:1:3: unexpected 'startswith'")
        } catch {}
    }

    struct ClaimTag: TagParser {
        func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
            var p = try parser.expressions(tag)
            let id = try p.parsePrimary()
            try p.expectEnd()
            return ClaimNode(id: id)
        }
    }

    struct ClaimNode: Node {
        let id: LiquidExpression
        func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
            try out.append("[claim \(try ctx.evaluate(id).liquidString)]")
        }
        func analyze(_ a: inout Analyzer) {
            a.visit(id)
            if case .literal(let v) = id { a.note("claims", v.liquidString) }
        }
    }

    @Test func customTagAndFilter() throws {
        var env = Environment()
        env.register(tag: "claim", ClaimTag())
        env.register(
            filter: "shout",
            Filter(args: 0...1) { v, args, _ in
                .string(v.liquidString.uppercased() + (args.first?.liquidString ?? "!"))
            })
        let t = try env.parse("{% claim \"eco-1\" %} {% claim id %} {{ 'hi' | shout }} {{ 'yo' | shout: '?' }}")
        #expect(try t.render(["id": "x"]) == "[claim eco-1] [claim x] HI! YO?")
        #expect(t.analyze().paths == ["id"])
        #expect(t.analyze().notes == ["claims": ["eco-1"]])
        #expect(throws: LiquidError.self) { try env.parse("{{ 'a' | shout: 1, 2 }}") }
    }

    @Test func renderIntoCallerBuffer() throws {
        let t = try Environment().parse("Hello {{ name }}!")
        var buffer: [UInt8] = Array("> ".utf8)
        try t.render(["name": "Ada"], into: &buffer)
        try t.render(["name": "Bob"], into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "> Hello Ada!Hello Bob!")
    }

    @Test func rendersFromManyThreads() throws {
        let t = try Environment().parse("{% for i in items %}{{ i | times: n }},{% endfor %}{% assign x = n %}{{ x }}")
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var ok: [Bool] = Array(repeating: false, count: 8)
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            var ok = true
            for _ in 0..<200 {
                let out = try? t.render(["items": [1, 2, 3], "n": .int(k)])
                ok = ok && out == "\(k),\(2 * k),\(3 * k),\(k)"
            }
            results.lock.lock()
            results.ok[k] = ok
            results.lock.unlock()
        }
        #expect(results.ok.allSatisfy { $0 })
    }

    @Test func fileSystemPartials() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("liquid-partials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "<b>{{ who }}</b>".write(to: dir.appendingPathComponent("badge.liquid"), atomically: true, encoding: .utf8)
        var env = Environment()
        env.loader = FileSystemLoader(root: dir)
        #expect(try env.parse("{% render 'badge', who: name %}").render(["name": "Ada"]) == "<b>Ada</b>")
    }

    @Test func errorsInPartialsNameThePartial() throws {
        var env = Environment()
        env.loader = DictionaryLoader(["card": "line one\n{{ 1 | divided_by: 0 }}"])
        do {
            _ = try env.parse("{% render 'card' %}", name: "main.liquid").render()
            Issue.record("expected an error")
        } catch let e as LiquidError {
            #expect(e.description == "card:2:8: divided_by: divided by 0")
        }
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        do {
            _ = try Environment().parse("ok\n{% if x %}\n{% endfor %}", name: "t.liquid")
        } catch let e as LiquidError {
            #expect(e.line == 3 && e.column == 1)
            #expect(e.message.contains("endfor"))
        } catch {}
        do {
            _ = try Environment().parse("{% for x in y %}", name: "t.liquid")
        } catch let e as LiquidError {
            #expect(e.description == "t.liquid:1:1: tag 'for' was never closed (expected '{% endfor %}')")
        } catch {}
    }

    @Test func jsonKeepsKeyOrder() throws {
        let v = try Value.parseJSON(#"{"b": 1, "a": [true, null, 1.5, "x\u00e9"]}"#)
        #expect(try Environment().parse("{% for p in v %}{{ p[0] }}{% endfor %}{{ v.a | join: ',' }}").render(["v": v]) == "batrue,,1.5,xé")
    }
}

@Suite struct FoundationBridgeTests {
    @Test func jsonSerializationValues() throws {
        let any = try JSONSerialization.jsonObject(with: Data(#"{"t": true, "f": false, "i": 3, "d": 1.5, "s": "x", "n": null, "a": [1]}"#.utf8))
        let v = Value(foundation: any)
        let out = try Environment().parse("{{ t }} {{ f }} {{ i | plus: 1 }} {{ d }} {{ s }} [{{ n }}] {{ a.size }}").render(v)
        #expect(out == "true false 4 1.5 x [] 1")
    }
}

@Suite struct JSONReaderTests {
    @Test func errorsHaveLineAndColumn() {
        do {
            _ = try Value.parseJSON("{\n  \"a\": [1,\n  }")
            Issue.record("expected an error")
        } catch let e as JSONParseError {
            #expect(e.line == 3 && e.column == 3)
        } catch {}
    }

    @Test func deepNestingIsAnError() {
        #expect(throws: JSONParseError.self) { try Value.parseJSON(String(repeating: "[", count: 100_000)) }
    }
}

@Suite struct PartialCacheTests {
    @Test func copiesOfAnEnvironmentDoNotShareLoadedPartials() throws {
        var a = Environment()
        a.loader = DictionaryLoader(["p": "A"])
        #expect(try a.parse("{% render 'p' %}").render() == "A")
        var b = a
        b.loader = DictionaryLoader(["p": "B"])
        #expect(try b.parse("{% render 'p' %}").render() == "B")
    }
}
