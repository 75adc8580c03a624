import BrandContext
import Foundation
import MCP
import Service

/// The limits on what a client may send in one call. Each has a default and a flag of
/// `tessera mcp` (and `tessera serve`) to raise it.
package struct MCPLimits: Sendable {
    /// `text` of `lint_copy`, `check_claims`, `review_copy` (`--max-text-bytes`).
    package var textBytes = 64 * 1024
    /// A recipient of `render_preview` and `explain_selection`, as JSON (`--max-recipient-bytes`).
    package var recipientBytes = 1 << 20
    /// One line (one JSON-RPC message) on stdio; longer lines are answered with an error and
    /// skipped without being held in memory (`--max-message-bytes`).
    package var messageBytes = 4 << 20
    /// Any other string argument (ids, market, query…): names, not payloads.
    package var nameBytes = 1024

    package init() {}
}

/// A tool call's arguments, read by name with their types and limits checked. Each mistake is a
/// `ServiceError` whose location is the argument and whose message says what was expected.
struct ToolArguments {
    let values: [String: Value]
    let limits: MCPLimits

    init(_ values: [String: Value]?, allowed: [String], limits: MCPLimits) throws(ServiceError) {
        self.values = values ?? [:]
        self.limits = limits
        for key in self.values.keys.sorted() where !allowed.contains(key) {
            throw ServiceError(
                .badRequest, "argument.unknown",
                "unknown argument '\(key)'" + (allowed.isEmpty ? "; this tool takes none" : "; expected \(allowed.joined(separator: ", "))"),
                location: key)
        }
    }

    /// A string, or nil when absent or null. An empty string is treated as absent.
    func string(_ name: String, limit: Int? = nil) throws(ServiceError) -> String? {
        guard let v = values[name] else { return nil }
        let s: String
        switch v {
        case .null: return nil
        case .string(let text): s = text
        // The SDK reads a string that looks like a data URL as data; it was a string.
        case .data(let mime, let data): s = "data:\(mime ?? "");base64,\(data.base64EncodedString())"
        default: throw ServiceError(.badRequest, "argument.type", "argument '\(name)' must be a string, found \(Self.kind(v))", location: name)
        }
        let max = limit ?? limits.nameBytes
        guard s.utf8.count <= max else {
            throw ServiceError(
                .tooLarge, "argument.too-large",
                "argument '\(name)' is \(s.utf8.count) bytes, over the limit of \(max) bytes"
                    + (limit == limits.textBytes ? " (--max-text-bytes)" : ""), location: name)
        }
        return s.isEmpty ? nil : s
    }

    func required(_ name: String, limit: Int? = nil, expected: String) throws(ServiceError) -> String {
        guard let s = try string(name, limit: limit) else {
            throw ServiceError(.badRequest, "argument.missing", "argument '\(name)' is required: \(expected)", location: name)
        }
        return s
    }

    func bool(_ name: String) throws(ServiceError) -> Bool? {
        guard let v = values[name] else { return nil }
        switch v {
        case .null: return nil
        case .bool(let b): return b
        default: throw ServiceError(.badRequest, "argument.type", "argument '\(name)' must be true or false, found \(Self.kind(v))", location: name)
        }
    }

    /// `YYYY-MM-DD`.
    func day(_ name: String) throws(ServiceError) -> CalendarDate? {
        guard let s = try string(name) else { return nil }
        guard let d = CalendarDate(s) else {
            throw ServiceError(
                .badRequest, "argument.date", "argument '\(name)' must be a date as YYYY-MM-DD naming a real day, found '\(s)'", location: name)
        }
        return d
    }

    /// One of a fixed set of words.
    func choice(_ name: String, _ options: [String]) throws(ServiceError) -> String? {
        guard let s = try string(name) else { return nil }
        guard options.contains(s) else {
            throw ServiceError(
                .badRequest, "argument.value", "argument '\(name)' must be one of \(options.map { "'\($0)'" }.joined(separator: ", ")), found '\(s)'",
                location: name)
        }
        return s
    }

    /// A recipient: a JSON object (or its text), as JSON bytes within the recipient limit.
    func recipient(_ name: String) throws(ServiceError) -> [UInt8] {
        guard let v = values[name], v != .null else {
            throw ServiceError(
                .badRequest, "argument.missing",
                "argument '\(name)' is required: a recipient object as one line of recipients.ndjson (at least an \"id\")", location: name)
        }
        let bytes: [UInt8]
        switch v {
        case .object: bytes = JSONValue.bytes(v) ?? []
        case .string(let s): bytes = Array(s.utf8)
        default:
            throw ServiceError(
                .badRequest, "argument.type", "argument '\(name)' must be a recipient object (or its JSON text), found \(Self.kind(v))",
                location: name)
        }
        guard bytes.count <= limits.recipientBytes else {
            throw ServiceError(
                .tooLarge, "argument.too-large",
                "argument '\(name)' is \(bytes.count) bytes of JSON, over the limit of \(limits.recipientBytes) bytes (--max-recipient-bytes)",
                location: name)
        }
        return bytes
    }

    static func kind(_ v: Value) -> String {
        switch v {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string, .data: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
