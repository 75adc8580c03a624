import Foundation
import MCP
import Service

/// Service answers are `JSONText` (ordered keys, numbers as written); MCP carries `Value`.
enum JSONValue {
    static func value(_ j: JSONText) -> Value {
        switch j {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .number(let n):
            if let i = Int(n) { return .int(i) }
            return .double(Double(n) ?? 0)
        case .array(let items): return .array(items.map(value))
        case .object(let pairs): return .object(Dictionary(pairs.map { ($0.0, value($0.1)) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// A `Value` as JSON bytes (a recipient object handed to the render path).
    static func bytes(_ v: Value) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(v)).map { Array($0) }
    }

    /// JSON bytes (a record the render path wrote) as a `Value`.
    static func decode(_ bytes: [UInt8]) -> Value? {
        try? JSONDecoder().decode(Value.self, from: Data(bytes))
    }
}
