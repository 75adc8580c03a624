import Foundation
import HTTPTypes

/// The endpoints, matched on method and path (template and claim ids are looked up by the
/// operations, never joined to file paths).
enum Route: Sendable {
    case health, ready, metrics, openAPI
    case render, renderBatch, explain
    case claims, claim(id: String), brand, templates, blocks
    case lint
    case preview(path: String), previewEvents
    case mcp

    /// The label in metrics and logs (ids left out, so the label set stays small).
    var name: String {
        switch self {
        case .health: return "/healthz"
        case .ready: return "/readyz"
        case .metrics: return "/metrics"
        case .openAPI: return "/openapi.yaml"
        case .render: return "/v1/render"
        case .renderBatch: return "/v1/render/batch"
        case .explain: return "/v1/explain"
        case .claims: return "/v1/claims"
        case .claim: return "/v1/claims/{id}"
        case .brand: return "/v1/brand"
        case .templates: return "/v1/templates"
        case .blocks: return "/v1/blocks"
        case .lint: return "/v1/lint"
        case .preview: return "/preview/"
        case .previewEvents: return "/preview/events"
        case .mcp: return "/mcp"
        }
    }

    /// The scope a token needs (nil: open to all, for probes and the API description).
    var scope: Scope? {
        switch self {
        case .health, .ready, .openAPI: return nil
        case .render, .renderBatch, .explain: return .render
        case .metrics, .claims, .claim, .brand, .templates, .blocks, .mcp: return .read
        case .lint: return .lint
        case .preview, .previewEvents: return .preview
        }
    }

    /// Probes and metrics are answered even when the server is at its concurrency limit.
    var bypassesLimits: Bool {
        switch self {
        case .health, .ready, .metrics: return true
        default: return false
        }
    }

    /// Answered within `--request-timeout`. A preview page may build a contact sheet first
    /// (seconds for a large template, bounded by the preview's enumeration limit), so it is not.
    var hasDeadline: Bool {
        switch self {
        case .preview, .previewEvents: return false
        default: return true
        }
    }

    enum Match {
        case found(Route)
        case wrongMethod(allowed: String)
        case none
    }

    static func match(_ method: HTTPRequest.Method, _ rawPath: String) -> Match {
        // Foundation's percent-decoding costs ~10,000 instructions even with nothing to decode.
        let path = rawPath.utf8.contains(UInt8(ascii: "%")) ? (rawPath.removingPercentEncoding ?? rawPath) : rawPath
        func only(_ m: HTTPRequest.Method, _ r: Route) -> Match {
            method == m || (m == .get && method == .head) ? .found(r) : .wrongMethod(allowed: m.rawValue)
        }
        switch path {
        case "/healthz": return only(.get, .health)
        case "/readyz": return only(.get, .ready)
        case "/metrics": return only(.get, .metrics)
        case "/openapi.yaml": return only(.get, .openAPI)
        case "/v1/render": return only(.post, .render)
        case "/v1/render/batch": return only(.post, .renderBatch)
        case "/v1/explain": return only(.post, .explain)
        case "/v1/claims": return only(.get, .claims)
        case "/v1/brand": return only(.get, .brand)
        case "/v1/templates": return only(.get, .templates)
        case "/v1/blocks": return only(.get, .blocks)
        case "/v1/lint": return only(.post, .lint)
        case "/preview/events": return only(.get, .previewEvents)
        case "/preview": return only(.get, .preview(path: ""))
        case "/mcp": return .found(.mcp)
        default:
            if path.hasPrefix("/v1/claims/") {
                let id = String(path.dropFirst("/v1/claims/".count))
                if !id.isEmpty, !id.contains("/") { return only(.get, .claim(id: id)) }
            }
            if path.hasPrefix("/preview/") { return only(.get, .preview(path: String(path.dropFirst("/preview/".count)))) }
            return .none
        }
    }
}

/// Query parameters, decoded as a form (`+` is a space, then percent-decoding).
struct Query {
    private var values: [String: String] = [:]

    init(_ query: String?) {
        guard let query else { return }
        // Split on the UTF-8 bytes: `String.split` walks grapheme clusters (~25,000 instructions
        // for `template=welcome`). `&` and `=` are ASCII, so the pieces are whole characters.
        for pair in query.utf8.split(separator: UInt8(ascii: "&")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let key = Self.decode(query[pair.startIndex..<(equals ?? pair.endIndex)])
            guard values[key] == nil else { continue }
            values[key] = equals.map { Self.decode(query[query.utf8.index(after: $0)..<pair.endIndex]) } ?? ""
        }
    }

    private static func decode(_ s: Substring) -> String {
        // Most parameters are plain (`template=welcome`): no copy through Foundation.
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(s) }
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    subscript(_ key: String) -> String? { values[key] }
}
