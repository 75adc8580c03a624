import Assembly
import Catalog
import Foundation
import Liquid
import Pipeline

/// The settings of a render, as `tessera render` takes them: `--template`, `--now`, plus the
/// slots a web page wants as fragments.
package struct RenderOptions: Sendable {
    /// Used when the record's decision names neither a template nor an action a template serves.
    package var template: String?
    /// The pinned clock; nil renders at the current second.
    package var now: Date?
    /// Slot names whose HTML is wanted on its own (`slots=hero,promo`); nil for the whole message.
    package var slots: [String]?

    package init(template: String? = nil, now: Date? = nil, slots: [String]? = nil) {
        self.template = template
        self.now = now
        self.slots = slots
    }

    /// Reads the options from text parameters, naming the parameter that is wrong.
    package static func parse(template: String?, now: String?, slots: String?) throws(ServiceError) -> RenderOptions {
        var options = RenderOptions(template: template?.isEmpty == true ? nil : template)
        if let now, !now.isEmpty {
            guard let date = ServiceClock.parse(now) else {
                throw ServiceError(
                    .badRequest, "parameter.now", "expected an ISO 8601 timestamp such as 2026-11-23T09:00:00Z or 2026-11-23, found '\(now)'",
                    location: "now")
            }
            options.now = date
        }
        if let slots {
            let names = slots.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else {
                throw ServiceError(
                    .badRequest, "parameter.slots", "expected a comma-separated list of slot names such as hero,promo", location: "slots")
            }
            options.slots = names
        }
        return options
    }
}

/// One recipient rendered: the NDJSON record `tessera render` writes for it, and the parts a
/// transport may answer with instead.
package struct RenderOutcome: Sendable {
    /// The output line, newline included: byte for byte the CLI's for the same record and clock.
    package var record: [UInt8]
    package var id: String?
    package var status: String
    package var template: String?
    package var personalized: Bool
    package var blocks: [String]
    package var claims: [String]
    package var signals: [String]
    package var reasons: [(code: String, detail: String)]
    /// The filled HTML ("" unless rendered), built when asked: most answers send the record only.
    package var html: String { message?.rendered.html ?? "" }
    let message: RenderedMessage?
    /// With `RenderOptions.slots`: each slot's HTML fragment, in the order asked.
    package var slots: [(name: String, html: String)]?

    /// `{"id", "status", "template", "slots": {…}, "blocks", "claims", "signals", "reasons"}`.
    package var slotsJSON: String {
        JSONText.compact(
            .object([
                ("id", id.map(JSONText.string) ?? .null), ("status", .string(status)),
                ("template", template.map(JSONText.string) ?? .null), ("personalized", .bool(personalized)),
                ("slots", .object((slots ?? []).map { ($0.name, .string($0.html)) })),
                ("blocks", .strings(blocks)), ("claims", .strings(claims)), ("signals", .strings(signals)),
                ("reasons", .array(reasons.map { .object([("code", .string($0.code)), ("detail", .string($0.detail))]) })),
            ])) + "\n"
    }
}

extension Project {
    /// Renders one recipient (the body of one NDJSON line) as `tessera render` would.
    /// A body that is not a recipient object is an error naming where it went wrong; a
    /// recipient that is suppressed or held is an answer (its record says why).
    package func render(recipient body: some Collection<UInt8>, _ options: RenderOptions) throws(ServiceError) -> RenderOutcome {
        try withRenderer(for: body, options) { renderer, bytes throws(ServiceError) in
            let record = try Self.readRecipient(bytes, parser: renderer.parser)
            let r = renderer.assembler.render(record)
            var outcome = Self.outcome(r, reserving: renderer.recordBytes + renderer.recordBytes / 4)
            renderer.recordBytes = outcome.record.count
            if let names = options.slots { outcome.slots = try slotFragments(names, of: r, record: record) }
            return outcome
        }
    }

    /// Runs `work` on a pooled renderer for a one-recipient request (render, explain): the
    /// template checked, the body checked as UTF-8, the clock the request's or the current second.
    func withRenderer<T>(
        for body: some Collection<UInt8>, _ options: RenderOptions, _ work: (PooledRenderer, [UInt8]) throws(ServiceError) -> T
    ) throws(ServiceError) -> T {
        try checkTemplate(options.template)
        let bytes = try Self.checkedUTF8(Self.contiguous(body))
        let now = options.now ?? ServiceClock.currentSecond()
        return try assemblers.with(
            template: options.template, now: now,
            make: { Assembler(catalog: catalog, brand: brand, options: assemblyOptions(template: options.template, now: now)) }
        ) { renderer throws(ServiceError) in try work(renderer, bytes) }
    }

    /// `--template ID` must name a template (looked up, never joined to a path).
    func checkTemplate(_ id: String?) throws(ServiceError) {
        guard let id, catalog.template(id) == nil else { return }
        throw ServiceError(
            .notFound, "template.unknown", "no template '\(id)' (templates: \(catalog.templates.map(\.id).joined(separator: ", ")))",
            location: "template")
    }

    /// The body as one array: a transport's buffer type (NIO's `ByteBufferView`) is read through
    /// generic code across modules, byte by byte; an array is read at full speed. One copy.
    static func contiguous(_ body: some Collection<UInt8>) -> [UInt8] {
        body.withContiguousStorageIfAvailable { Array($0) } ?? Array(body)
    }

    /// The body, when it is valid UTF-8 (the CLI's `record.invalid-utf8` otherwise).
    static func checkedUTF8(_ body: [UInt8]) throws(ServiceError) -> [UInt8] {
        // The CLI's check (`Pipeline.UTF8Check`): a word at a time over ASCII, by hand past it.
        if let offset = body.withUnsafeBytes(UTF8Check.firstInvalid) {
            throw ServiceError(
                .badRequest, "record.invalid-utf8", "byte \(offset + 1) of the body is not valid UTF-8", location: "line 1:\(offset + 1)")
        }
        return body
    }

    /// Reads a UTF-8 request body as one recipient record (line 1), with the CLI's rejection
    /// reasons, on a pooled renderer's reader.
    static func readRecipient(_ body: [UInt8], parser: JSONParser) throws(ServiceError) -> RecipientRecord {
        switch RecipientRecord.read(body, line: 1, parser: parser) {
        case .success(let record): return record
        case .failure(let rejected):
            throw ServiceError(.badRequest, rejected.reason.code, rejected.reason.detail, location: "body")
        }
    }

    /// `reserving`: the record's expected size. A ~22 KB record grown from empty is copied about
    /// five times on the way.
    static func outcome(_ r: RenderedRecipient, reserving capacity: Int = 0) -> RenderOutcome {
        var line: [UInt8] = []
        line.reserveCapacity(capacity)
        NDJSONWriter.append(r, to: &line)
        return RenderOutcome(
            record: line, id: r.id, status: r.status.rawValue, template: r.template, personalized: r.personalized,
            blocks: r.blocks, claims: r.claims, signals: r.signals,
            reasons: r.reasons.map { ($0.code, $0.detail) }, message: r.status == .rendered ? RenderedMessage(r) : nil)
    }
}

/// Clocks of requests: pinned (`now=`), or the current second.
package enum ServiceClock {
    /// ISO 8601 with or without fractional seconds, or a bare date (as `--now`).
    package static func parse(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withFullDate]
        return f.date(from: s)
    }

    /// Now, cut to the whole second (as `--now` is given): within a second a pooled renderer's
    /// clock is already set and `Assembler.setClock` has nothing to do.
    static func currentSecond() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }
}

/// A rendered recipient kept for its HTML, which is filled only if a transport asks for it.
/// Never changed after it is made.
final class RenderedMessage: @unchecked Sendable {
    let rendered: RenderedRecipient
    init(_ rendered: RenderedRecipient) { self.rendered = rendered }
}
