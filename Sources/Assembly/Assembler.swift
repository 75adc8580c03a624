import BrandContext
import Catalog
import Foundation
import Liquid

/// Settings of a run.
public struct AssemblyOptions: Sendable {
    /// `--template`: used when the decision names neither a template nor a served action.
    public var defaultTemplate: String?
    /// `--now`: the clock (claim validity, guard windows).
    public var now: Date
    /// Policy's per-recipient guard (`NoGuard` until Policy provides one).
    public var recipientGuard: any RecipientGuard
    public init(defaultTemplate: String? = nil, now: Date = Date(), recipientGuard: any RecipientGuard = NoGuard()) {
        self.defaultTemplate = defaultTemplate
        self.now = now
        self.recipientGuard = recipientGuard
    }
}

/// One output record.
public struct RenderedRecipient {
    public var line: Int
    public var id: String?
    /// The record's `email` (for `.eml` output).
    public var email: String?
    public var status: RecipientStatus
    public var template: String?
    public var personalized: Bool
    public var subject = ""
    public var preheader = ""
    public var blocks: [String] = []
    public var claims: [String] = []
    public var signals: [String] = []
    public var reasons: [Reason] = []
    /// The holdout draw and experiment arms (for the journal; arms also in the NDJSON record).
    public var assignments = Assignments()
    /// The record's segments, set by the pipeline for randomized recipients of a journaled run.
    public var segments: [String] = []
    var skeleton: Skeleton?
    /// The hash of the MJML the skeleton was rendered from (placeholders, or values inline).
    var skeletonSource: UInt64 = 0
    var holes: [Hole] = []

    /// A 64-bit digest of the message this record sends: the MJML its skeleton was rendered
    /// from (which fixes the HTML and text around the values), its values, subject and
    /// preheader. Equal digests mean the same message (bar a 64-bit collision) in every output
    /// format, and it costs the values' bytes, not the ~24 KB of output. 0 when nothing is sent.
    public var messageDigest: UInt64 {
        guard status == .rendered, skeleton != nil else { return 0 }
        var h = BufferHash.hash(subject, seed: skeletonSource)
        h = BufferHash.hash(preheader, seed: h)
        for hole in holes { h = BufferHash.hash(hole.text, seed: h &+ (hole.safe ? 1 : 2)) }
        return h == 0 ? 1 : h
    }

    /// The filled HTML ("" unless rendered).
    public var html: String {
        guard let s = skeleton else { return "" }
        var out: [UInt8] = []
        Fill.html(s.html, holes, json: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The filled text part ("" unless rendered).
    public var text: String {
        guard let s = skeleton else { return "" }
        var out: [UInt8] = []
        Fill.text(s.text, holes, json: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Renders recipients: select, assemble (memoised permutation), fill the skeleton, guard.
/// Not thread-safe (its caches are per run and per thread): use one per thread.
/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
public final class Assembler {
    public let catalog: Catalog
    public let brand: Brand
    /// The settings; only the clock moves after creation (`setClock`).
    @exclusivity(unchecked) public private(set) var options: AssemblyOptions
    let selector: ContentSelector
    /// `locale` and `market` for records without them.
    let defaults: RecipientDefaults
    @exclusivity(unchecked) private var permutations: [[ObjectIdentifier]: Permutation] = [:]
    @exclusivity(unchecked) private var permutationKey: [ObjectIdentifier] = []
    @exclusivity(unchecked) private var templateValues: [String: Value] = [:]
    @exclusivity(unchecked) private var templatePathCache: [ObjectIdentifier: [String]] = [:]
    @exclusivity(unchecked) private var signalByPath: [String: String?] = [:]
    @exclusivity(unchecked) private var skeletonBuffer: [UInt8] = []
    /// The most values one render has held: the next render reserves that many up front.
    @exclusivity(unchecked) private var holeCapacity = 16
    /// How many times the MJML renderer ran (once per distinct skeleton).
    @exclusivity(unchecked) public private(set) var mjmlRenders = 0

    public init(catalog: Catalog, brand: Brand, options: AssemblyOptions) {
        self.catalog = catalog
        self.brand = brand
        self.options = options
        selector = ContentSelector(catalog: catalog, brand: brand, options: options)
        defaults = RecipientDefaults(brand.facts)
        skeletonBuffer.reserveCapacity(64 * 1024)
    }

    /// Moves the clock (`AssemblyOptions.now`: claim validity, guard windows) for the renders
    /// that follow. The caches (permutations, skeletons) do not depend on the clock and are
    /// kept, so a long-lived renderer (`tessera serve`) stays warm as time passes.
    public func setClock(_ now: Date) {
        guard now != options.now else { return }
        options.now = now
        selector.setClock(now)
    }

    /// Renders one NDJSON input line (1-based `line`).
    public func render(line bytes: some Collection<UInt8>, number: Int) -> RenderedRecipient {
        switch RecipientRecord.read(bytes, line: number) {
        case .failure(let r):
            return RenderedRecipient(line: number, id: r.id, status: .rejected, template: nil, personalized: false, reasons: [r.reason])
        case .success(let record):
            return render(record)
        }
    }

    public func render(_ record: RecipientRecord) -> RenderedRecipient {
        let record = defaults.apply(record)
        var out = RenderedRecipient(line: record.line, id: record.id, status: .held, template: nil, personalized: false)
        out.email = record.string(.email)
        guard let selection = select(filled: record, into: &out) else { return out }
        fill(selection, record: record, into: &out)
        return out
    }

    /// Template, consent, holdout and block selection; nil when the record stops here
    /// (suppressed or held), with `out` saying why.
    /// The record is read with the brand's `locale` and `market` where it has none (`RecipientDefaults`).
    func select(_ record: RecipientRecord, into out: inout RenderedRecipient) -> Selection? {
        select(filled: defaults.apply(record), into: &out)
    }

    /// `select` of a record `RecipientDefaults` has filled in already.
    private func select(filled record: RecipientRecord, into out: inout RenderedRecipient) -> Selection? {
        let template: TemplateDefinition
        var reasons: [Reason] = []
        switch selector.template(for: record) {
        case .failure(let r): out.reasons = [r]; return nil
        case .success(let (t, r)): template = t; reasons.append(r)
        }
        out.template = template.id
        if template.channel == "email", let problem = Self.addressProblem(record) {
            out.status = .rejected
            out.reasons = [Reason("recipient.email-invalid", problem)]
            return nil
        }
        if template.channel == "email", record.bool(.consentEmail) == false {
            out.status = .suppressed
            out.reasons = reasons + [Reason("consent.email", "consent.email is false")]
            return nil
        }
        var defaultOnly = false
        let group = record.string(.decisionGroup)
        if group == "holdout" {
            defaultOnly = true
            reasons.append(Reason("holdout.group", "decision.group is holdout: default content only"))
        } else if group == nil, let pct = template.holdoutPercent, pct > 0 {
            // Tessera's own randomization: recorded either way, so lift can compare both sides.
            let heldOut = Holdout.isHeldOut(id: record.id, template: template.id, percent: pct)
            out.assignments.heldOut = heldOut
            if heldOut {
                defaultOnly = true
                reasons.append(
                    Reason(
                        "holdout.draw",
                        "in the \(Self.percent(pct)) holdout of '\(template.id)' (draw \(Holdout.draw(id: record.id, template: template.id)) of 10000): default content only"
                    ))
            }
        }
        if record.bool(.consentPersonalization) == false {
            defaultOnly = true
            reasons.append(Reason("consent.personalization", "consent.personalization is false: default content only"))
        }
        let selection = selector.select(record, template: template, defaultOnly: defaultOnly, reasons: reasons)
        out.reasons = selection.reasons
        out.personalized = selection.personalized
        out.blocks = selection.blocks.map(\.id)
        out.assignments.arms = selection.arms
        if selection.held { out.status = .held; return nil }
        return selection
    }

    /// Why the record's `email` cannot be a message's `To:` (an email template was chosen), or
    /// nil: absent is fine (the address may be added downstream), anything else must be one address.
    static func addressProblem(_ record: RecipientRecord) -> String? {
        switch record.value.member(at: .email) {
        case nil, .null?: return nil
        case .string(let s)?: return EmailAddress.problem(s).map { "email \(Preview.of(s)) is not one address: \($0)" }
        case _?: return "email is not a string"
        }
    }

    static func percent(_ p: Double) -> String { p == p.rounded() ? "\(Int(p))%" : "\(p)%" }

    /// Renders subject, preheader and the permutation's skeleton, then fills it.
    func fill(_ selection: Selection, record: RecipientRecord, into out: inout RenderedRecipient) {
        let template = selection.template
        let templateValue = self.templateValue(template)
        do {
            let base: [(String, Value)] = [("recipient", selection.recipient), ("template", templateValue)]
            let head: Value = .object(LiquidObject(base))
            out.subject = try template.subject.render(head)
            out.preheader = try template.preheader.render(head)
            let permutation = try self.permutation(template, selection.blocks)
            let data: Value = .object(LiquidObject(base + [("subject", .string(out.subject)), ("preheader", .string(out.preheader))]))
            let locale = record.string(.locale)
            let rendered = try renderValues(permutation, data: data, locale: locale)
            var holes = rendered.holes
            // The skeleton comes first: the value check needs to know where each value lands.
            let skeleton: Skeleton, source: UInt64
            if let known = rendered.known {
                (skeleton, source) = known
            } else {
                (skeleton, source) = try self.skeleton(permutation, data: data, holes: &holes, locale: locale)
                if let f = rendered.fingerprint, !permutation.valueStructural { permutation.store(skeleton, source: source, traced: f) }
            }
            let context = GuardContext(
                recipient: selection.recipient, template: template, now: options.now, defaultContentOnly: !selection.personalized)
            if let r = options.recipientGuard.check(values: rendered.holes, blocks: selection.blocks, context: context) {
                out.status = .held
                out.reasons.append(Reason("guard.\(r.rule)", r.detail))
                return
            }
            // Rendered with values inline, a skeleton has no holes left: its values are the hole-mode render's.
            if let r = skeleton.unsafeValues(rendered.holes) {
                out.status = .held
                out.reasons.append(r)
                return
            }
            (out.skeleton, out.skeletonSource) = (skeleton, source)
            out.holes = holes
            out.claims = rendered.claims.claims
            out.signals = selection.personalized ? permutation.signals : []
            out.status = .rendered
        } catch let e as LiquidError {
            out.status = .held
            let code = e.kind == .undefinedVariable ? "liquid.undefined" : "liquid.error"
            // The real file and line (a block, a partial or the template), not the composed source's.
            // (The permutation is cached: looked up again only on this error path.)
            let placed = (try? permutation(template, selection.blocks))?.placed(e) ?? e
            out.reasons.append(Reason(code, placed.description))
        } catch {
            out.status = .held
            out.reasons.append(Reason("liquid.error", "\(error)"))
        }
    }

    /// Renders the permutation in hole mode: the values (holes) and claims used, and the skeleton
    /// when the render's trace names one seen before. Otherwise `skeletonBuffer` holds the
    /// hole-mode MJML for `skeleton(_:data:holes:locale:)`, and `fingerprint` the trace to file it under.
    private func renderValues(_ p: Permutation, data: Value, locale: String?) throws
        -> (holes: [Hole], claims: ClaimState, known: (Skeleton, UInt64)?, fingerprint: UInt64?)
    {
        var holes: [Hole] = []
        holes.reserveCapacity(holeCapacity)  // one allocation, not one per doubling
        defer { holeCapacity = max(holeCapacity, holes.count) }
        skeletonBuffer.removeAll(keepingCapacity: true)
        var fingerprint: UInt64?
        if !p.valueStructural {
            let claims = ClaimState(locale: locale)
            let f = try p.template.trace(data, into: &skeletonBuffer, holes: &holes, registers: [ClaimState.register: claims])
            if let known = p.skeleton(traced: f) { return (holes, claims, known, f) }
            fingerprint = f
            holes.removeAll(keepingCapacity: true)
            skeletonBuffer.removeAll(keepingCapacity: true)
        }
        let claims = ClaimState(locale: locale)
        try p.template.render(data, into: &skeletonBuffer, holes: &holes, registers: [ClaimState.register: claims])
        return (holes, claims, nil, fingerprint)
    }

    /// The skeleton for the bytes in `skeletonBuffer` (cached, or rendered once by MJML) and
    /// the hash of the MJML it comes from.
    private func skeleton(_ p: Permutation, data: Value, holes: inout [Hole], locale: String?) throws -> (Skeleton, UInt64) {
        if !p.valueStructural {
            let hash = BufferHash.hash(skeletonBuffer)
            if let s = p.skeleton(for: skeletonBuffer, hash: hash) { return (s, hash) }
            mjmlRenders += 1
            if let s = Skeleton.build(mjml: skeletonBuffer, holeCount: holes.count) {
                p.store(s, key: skeletonBuffer, hash: hash)
                return (s, hash)
            }
            p.valueStructural = true
        }
        // Values shape the output here: key by the MJML with values inline.
        var inline: [UInt8] = []
        try p.template.render(data, into: &inline, registers: [ClaimState.register: ClaimState(locale: locale)])
        holes = []
        let hash = BufferHash.hash(inline)
        if let s = p.skeleton(for: inline, hash: hash) { return (s, hash) }
        mjmlRenders += 1
        let s = Skeleton.inline(mjml: inline)
        p.store(s, key: inline, hash: hash)
        return (s, hash)
    }

    private func templateValue(_ t: TemplateDefinition) -> Value {
        if let v = templateValues[t.id] { return v }
        let v: Value = ["id": .string(t.id), "channel": .string(t.channel)]
        templateValues[t.id] = v
        return v
    }

    /// The compiled permutation of a template and blocks (memoised by their ids).
    func permutation(_ t: TemplateDefinition, _ blocks: [BlockDefinition]) throws -> Permutation {
        permutationKey.removeAll(keepingCapacity: true)  // a lookup key without an allocation per recipient
        permutationKey.append(ObjectIdentifier(t))
        for b in blocks { permutationKey.append(ObjectIdentifier(b)) }
        if let p = permutations[permutationKey] { return p }
        let key = permutationKey
        var chosen: [String: [BlockDefinition]] = [:]
        for b in blocks { chosen[b.slot, default: []].append(b) }
        let (source, origins) = catalog.composeSourceWithOrigins(t, blocks: chosen)
        let compiled: Liquid.Template
        do {
            compiled = try catalog.environment.parse(source, name: "\(t.file) + \(blocks.map(\.id).joined(separator: ", "))")
        } catch let e as LiquidError {
            if let offset = e.sourceOffset, let place = origins.place(ofUTF8: offset, in: source) {
                throw e.placed(in: place.file, line: place.line, column: place.column)
            }
            throw e
        }
        let p = Permutation(template: compiled, blocks: blocks, signals: signals(t, blocks), origins: origins)
        permutations[key] = p
        return p
    }

    /// The data paths a template reads (analysed once: a run meets many permutations of it).
    private func templatePaths(_ t: TemplateDefinition) -> [String] {
        if let p = templatePathCache[ObjectIdentifier(t)] { return p }
        let p = t.body.analyze().paths + t.subject.analyze().paths + t.preheader.analyze().paths
        templatePathCache[ObjectIdentifier(t)] = p
        return p
    }

    /// Personal signal classes of the data paths a permutation reads.
    private func signals(_ t: TemplateDefinition, _ blocks: [BlockDefinition]) -> [String] {
        var paths = templatePaths(t)
        for b in blocks { paths += b.paths }
        var classes = Set<String>()
        for p in paths {
            if let c = personalSignal(p) { classes.insert(c) }
        }
        return classes.sorted()
    }

    /// The personal signal class of a data path, or nil (memoised: permutations share paths).
    private func personalSignal(_ path: String) -> String? {
        if let known = signalByPath[path] { return known }
        let c = brand.guardrails.signalClass(forPath: path.replacingOccurrences(of: "[]", with: ""))
        let id = c?.personal == true ? c?.id : nil
        signalByPath[path] = .some(id)
        return id
    }
}

extension Assembler {
    /// The selection of a record, and the record as it was read (the brand's `locale` and
    /// `market` filled in); nil when the record stops before its blocks are chosen. For the
    /// test and benchmark helpers (AssemblyTestSupport's `skeletonSource`).
    package func selection(of record: RecipientRecord) -> (selection: Selection, record: RecipientRecord)? {
        let record = defaults.apply(record)
        var out = RenderedRecipient(line: record.line, id: record.id, status: .held, template: nil, personalized: false)
        return select(filled: record, into: &out).map { ($0, record) }
    }

    /// The compiled Liquid template of a template and blocks (memoised), as `render` fills it.
    package func compiledTemplate(_ t: TemplateDefinition, _ blocks: [BlockDefinition]) throws -> Liquid.Template {
        try permutation(t, blocks).template
    }
}
