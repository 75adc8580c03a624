import Foundation

/// A small order-preserving JSON reader (Liquid iterates objects in source order, which
/// JSONSerialization does not keep). It reads bytes in place (no copy of the input, no bounds
/// checks) and builds each string once from its UTF-8 slice, because Assembly reads one record
/// per recipient with it and that cost is paid 100,000 times a run.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    /// Nesting of arrays and objects, bounded so hostile data cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 512
    /// Escaped strings are decoded here (reused: most strings have no escapes and skip it).
    var scratch: [UInt8] = []
    /// Members and items of the objects and arrays being read, as stacks shared by all levels:
    /// a container is built once at its exact size when it closes, instead of growing per member.
    let stacks: JSONStacks
    /// Object keys seen before (a `JSONParser` keeps them across documents).
    var keyCache = JSONKeyCache()

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        stacks = JSONStacks()
    }

    /// A reader over `bytes` working in stacks and a key cache handed over by a `JSONParser`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, stacks: JSONStacks, keyCache: JSONKeyCache) {
        self.bytes = bytes
        self.stacks = stacks
        self.keyCache = keyCache
    }

    /// Parses a whole document held in any contiguous bytes.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Value {
        var reader = JSONReader(bytes)
        return try reader.parseDocument()
    }

    struct Failure: Error {
        let offset: Int
        let message: String
    }

    mutating func parseDocument() throws -> Value {
        do {
            let v = try parseValue()
            skipSpace()
            if pos < bytes.count { throw Failure(offset: pos, message: "unexpected trailing characters") }
            return v
        } catch let f as Failure {
            throw position(of: f)
        }
    }

    /// The 1-based line and column (in characters) of a failure.
    func position(of f: Failure) -> JSONParseError {
        let end = min(f.offset, bytes.count)
        var line = 1, lineStart = 0
        for i in 0..<end where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), as: UTF8.self).count + 1
        return JSONParseError(line: line, column: column, message: f.message)
    }

    @inline(__always) mutating func skipSpace() {
        while pos < bytes.count {
            let c = bytes[pos]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    /// The byte at `pos` after spaces, or a failure naming what was expected.
    @inline(__always) mutating func peek(_ expected: @autoclosure () -> String) throws -> UInt8 {
        skipSpace()
        guard pos < bytes.count else { throw Failure(offset: pos, message: expected()) }
        return bytes[pos]
    }

    mutating func parseValue() throws -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw Failure(offset: pos, message: "nested deeper than \(Self.maxDepth) levels") }
        switch try peek("unexpected end of input") {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        default: return try parseNumber()
        }
    }

    mutating func expectWord(_ w: StaticString) throws {
        let n = w.utf8CodeUnitCount
        guard pos + n <= bytes.count, memcmp(bytes.baseAddress! + pos, w.utf8Start, n) == 0 else {
            throw Failure(offset: pos, message: "expected \(w)")
        }
        pos += n
    }

    mutating func parseObject() throws -> Value {
        pos += 1
        if try peek("unterminated object") == UInt8(ascii: "}") { pos += 1; return .object(LiquidObject()) }
        let base = stacks.memberCount
        while true {
            guard try peek("expected a string key") == UInt8(ascii: "\"") else { throw Failure(offset: pos, message: "expected a string key") }
            let (key, hash) = try parseKey()
            guard try peek("expected ':'") == UInt8(ascii: ":") else { throw Failure(offset: pos, message: "expected ':'") }
            pos += 1
            let value = try parseValue()
            stacks.pushMember(key, hash, value)
            switch try peek("unterminated object") {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "}"):
                pos += 1
                return .object(stacks.takeObject(from: base))
            default: throw Failure(offset: pos, message: "expected ',' or '}'")
            }
        }
    }

    mutating func parseArray() throws -> Value {
        pos += 1
        if try peek("unterminated array") == UInt8(ascii: "]") { pos += 1; return .array([]) }
        let base = stacks.valueCount
        while true {
            let item = try parseValue()
            stacks.pushValue(item)
            switch try peek("unterminated array") {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "]"):
                pos += 1
                return .array(stacks.takeArray(from: base))
            default: throw Failure(offset: pos, message: "expected ',' or ']'")
            }
        }
    }

    /// An object key at `pos` (on its opening quote) and its `KeyHash`, computed while scanning.
    /// Records repeat the same keys, so a key seen before is taken from `keyCache` instead of
    /// building and hashing a new String.
    mutating func parseKey() throws -> (String, Int) {
        let start = pos + 1
        var i = start
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var high: UInt8 = 0  // any byte past ASCII
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<i])
                let hash = Int(bitPattern: UInt(h))
                pos = i + 1
                if let key = keyCache.key(hash, raw) { return (key, hash) }
                let key = String(decoding: raw, as: UTF8.self)
                // Invalid UTF-8 is repaired (U+FFFD) in the String: hash the bytes lookups will
                // hash, or the member could never be found by its name.
                if high & 0x80 != 0, !key.utf8.elementsEqual(raw) { return (key, KeyHash.of(key)) }
                keyCache.store(key, hash, raw)
                return (key, hash)
            }
            if c == UInt8(ascii: "\\") { break }
            h = (h ^ UInt64(c)) &* 0x100_0000_01B3
            high |= c
            i += 1
        }
        let key = try parseString()  // escaped or unterminated: the general path
        return (key, KeyHash.of(key))
    }

    /// A string at `pos` (on its opening quote). Without escapes (the usual case) it is built
    /// straight from its bytes; otherwise it is decoded into `scratch` first.
    mutating func parseString() throws -> String {
        pos += 1
        let start = pos
        skipPlainWords()
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                let n = pos - 1 - start
                if let cache = stacks.strings, JSONStringCache.lengths.contains(n) { return cache.string(bytes.baseAddress! + start, count: n) }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos - 1]), as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            pos += 1
        }
        throw Failure(offset: pos, message: "unterminated string")
    }

    /// Moves `pos` over whole 8-byte words holding no quote, backslash or control byte (SWAR): the
    /// byte loop then only finishes the last word. Strings are most of a record's bytes.
    @inline(__always) mutating func skipPlainWords() {
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        while pos + 8 <= bytes.count {
            let w = base.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
            let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (w &- ones &* 0x20) & ~w
            if special & high != 0 { return }
            pos += 8
        }
    }

    mutating func parseEscapedString(from start: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<pos]))
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") { pos += 1; return String(decoding: scratch, as: UTF8.self) }
            pos += 1
            guard c == UInt8(ascii: "\\") else { scratch.append(c); continue }
            guard pos < bytes.count else { break }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "u"): try appendUnicodeEscape()
            default: scratch.append(e)
            }
        }
        throw Failure(offset: pos, message: "unterminated string")
    }

    /// `\uXXXX` (after the `u`), joining a surrogate pair when the low half follows. A lone half
    /// becomes U+FFFD, and an escape after a high half that is not a low half is read on its own
    /// (it once went into the pair's arithmetic, which overflowed and ended the process).
    mutating func appendUnicodeEscape() throws {
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code), pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
            let next = pos
            pos += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else {
                pos = next  // not a pair: the loop reads that escape next
            }
        }
        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
        scratch.append(contentsOf: UTF8.encode(scalar)!)
    }

    mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count else { throw Failure(offset: pos, message: "bad \\u escape") }
        var v: UInt32 = 0
        for i in pos..<pos + 4 {
            let c = bytes[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw Failure(offset: pos, message: "bad \\u escape")
            }
            v = v << 4 | UInt32(d)
        }
        pos += 4
        return v
    }

    /// A number: plain integers are accumulated directly; anything else goes through `Double`.
    mutating func parseNumber() throws -> Value {
        let start = pos
        var isFloat = false
        while pos < bytes.count {
            let c = bytes[pos]
            if (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
                pos += 1
            } else if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                isFloat = true; pos += 1
            } else {
                break
            }
        }
        if !isFloat, let i = plainInt(start..<pos) { return .int(i) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        if !isFloat, let i = Int(text) { return .int(i) }
        if let d = Double(text) { return .double(d) }
        throw Failure(offset: start, message: "unexpected character")
    }

    /// `-?digits` of at most 18 digits (cannot overflow), else nil (the slow path decides).
    func plainInt(_ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        let negative = i < r.upperBound && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < r.upperBound, r.upperBound - i <= 18 else { return nil }
        var n = 0
        while i < r.upperBound {
            let c = bytes[i]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            n = n * 10 + Int(c - 0x30)
            i += 1
        }
        return negative ? -n : n
    }
}

/// Object keys by their `KeyHash`, direct-mapped: a key read before is reused (compared by bytes).
/// Allocated on first store, so a one-off document pays nothing for it.
struct JSONKeyCache {
    private var slots: [(hash: Int, bytes: [UInt8], key: String)?] = []

    func key(_ hash: Int, _ raw: UnsafeBufferPointer<UInt8>) -> String? {
        guard !slots.isEmpty, let e = slots[hash & 255], e.hash == hash, e.bytes.count == raw.count else { return nil }
        let same = e.bytes.withUnsafeBufferPointer { raw.isEmpty || memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 }
        return same ? e.key : nil
    }

    mutating func store(_ key: String, _ hash: Int, _ raw: UnsafeBufferPointer<UInt8>) {
        if slots.isEmpty { slots = Array(repeating: nil, count: 256) }
        slots[hash & 255] = (hash, Array(raw), key)
    }
}

/// A JSON reader for many documents in a row (one per thread): its working stacks and the keys
/// it has seen carry over from one document to the next.
/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
public final class JSONParser {
    private let stacks = JSONStacks(cachingStrings: true)
    @exclusivity(unchecked) private var keyCache = JSONKeyCache()

    public init() {}

    public func parse(_ bytes: some Collection<UInt8>) throws -> Value {
        if let v = try bytes.withContiguousStorageIfAvailable({ try parse(buffer: $0) }) { return v }
        return try Array(bytes).withUnsafeBufferPointer { try parse(buffer: $0) }
    }

    private func parse(buffer: UnsafeBufferPointer<UInt8>) throws -> Value {
        var reader = JSONReader(buffer, stacks: stacks, keyCache: keyCache)
        keyCache = JSONKeyCache()  // the reader's copy is now unique
        defer {
            keyCache = reader.keyCache
            stacks.clear()  // empty after a document; what a syntax error left behind
        }
        return try reader.parseDocument()
    }
}

/// A JSON syntax error in data, with its 1-based line and column.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "\(line):\(column): \(message)" }
}
