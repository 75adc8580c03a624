import MCP

/// JSON Schema pieces for the tools' input and output schemas (draft 2020-12, as MCP expects).
enum Schema {
    static func object(_ properties: [String: Value], required: [String] = [], closed: Bool = true, description: String? = nil) -> Value {
        var o: [String: Value] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { o["required"] = .array(required.map(Value.string)) }
        if closed { o["additionalProperties"] = false }
        if let description { o["description"] = .string(description) }
        return .object(o)
    }
    static func string(_ description: String? = nil, enum values: [String]? = nil, format: String? = nil) -> Value {
        var o: [String: Value] = ["type": "string"]
        if let description { o["description"] = .string(description) }
        if let values { o["enum"] = .array(values.map(Value.string)) }
        if let format { o["pattern"] = .string(format) }
        return .object(o)
    }
    static let day: Value = string("a day as YYYY-MM-DD (default: today, UTC)", format: #"^\d{4}-\d{2}-\d{2}$"#)
    static let nullableString: Value = ["type": ["string", "null"]]
    static let nullableDay: Value = ["type": ["string", "null"]]
    static let integer: Value = ["type": "integer"]
    static let boolean: Value = ["type": "boolean"]
    static let strings: Value = ["type": "array", "items": ["type": "string"]]
    static func array(_ items: Value) -> Value { ["type": "array", "items": items] }
    static let disclaimer: Value = object(["id": string(), "text": string()], required: ["id", "text"])
    static let anyObject: Value = ["type": "object"]

    /// A claim as `search_claims` and `get_claim` answer it.
    static let claim: Value = object(
        [
            "id": string(), "text": string(), "locale": string(), "disclaimers": array(disclaimer),
            "products": strings, "markets": strings, "channels": strings,
            "valid_from": string(), "valid_until": nullableString, "supersedes": nullableString, "substantiation": string(),
        ], required: ["id", "text", "disclaimers", "markets", "channels", "valid_from", "valid_until", "supersedes"])

    static let reason: Value = object(["code": string(), "detail": string()], required: ["code", "detail"], closed: false)
}
