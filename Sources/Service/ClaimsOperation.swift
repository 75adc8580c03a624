import BrandContext
import Foundation

/// The parameters of `tessera claims`, checked against the brand.
package struct ClaimsParameters: Sendable {
    package var search: String?
    package var market: String?
    package var channel: String?
    package var locale: String?
    package var product: String?
    /// `on`: the day the copy runs; nil is today (UTC).
    package var on: CalendarDate?

    package init(
        search: String? = nil, market: String? = nil, channel: String? = nil, locale: String? = nil, product: String? = nil, on: CalendarDate? = nil
    ) {
        self.search = search
        self.market = market
        self.channel = channel
        self.locale = locale
        self.product = product
        self.on = on
    }

    /// From text parameters (`on=YYYY-MM-DD`), naming the parameter that is wrong.
    package static func parse(search: String?, market: String?, channel: String?, locale: String?, product: String?, on: String?) throws(ServiceError)
        -> ClaimsParameters
    {
        func given(_ s: String?) -> String? { s?.isEmpty == true ? nil : s }
        var p = ClaimsParameters(
            search: given(search), market: given(market), channel: given(channel), locale: given(locale), product: given(product))
        if let on = given(on) {
            guard let day = CalendarDate(on) else {
                throw ServiceError(.badRequest, "parameter.on", "expected YYYY-MM-DD naming a real day, found '\(on)'", location: "on")
            }
            p.on = day
        }
        return p
    }
}

extension Project {
    /// The approved claims usable in a market, channel, locale and product on a day, with their
    /// disclaimers (`tessera claims`). An unknown market, channel, locale or product is an error.
    package func claims(_ p: ClaimsParameters) throws(ServiceError) -> [UsableClaim] {
        do {
            for (kind, value) in [("market", p.market), ("channel", p.channel), ("locale", p.locale), ("product", p.product)] {
                guard let value else { continue }
                let known = try context.knownIDs(kind)
                if !known.contains(value) {
                    throw ServiceError(
                        .badRequest, "\(kind).unknown",
                        "unknown \(kind) '\(value)'\(ContextStore.suggestion(for: value, in: known)); the brand has: \(known.joined(separator: ", "))",
                        location: kind)
                }
            }
            return try context.claims(
                ClaimQuery(
                    market: p.market, channel: p.channel, locale: p.locale, product: p.product,
                    on: p.on ?? CalendarDate.todayUTC, search: p.search))
        } catch let e as ServiceError {
            throw e
        } catch {
            throw ServiceError(.badRequest, "claims.query", "\(error)", location: p.search.map { _ in "search" })
        }
    }

    /// One approved claim by id, whatever the day and context (nil when there is none).
    package func claim(id: String) throws(ServiceError) -> UsableClaim {
        guard brand.claim(id) != nil else {
            throw ServiceError(
                .notFound, "claim.unknown", "no claim '\(id)'\(ContextStore.suggestion(for: id, in: brand.claims.map(\.id)))", location: "id")
        }
        let all = (try? context.claims(ClaimQuery(market: nil, channel: nil, locale: nil, product: nil, on: nil, search: nil))) ?? []
        if let found = all.first(where: { $0.id == id }) { return found }
        throw ServiceError(.notFound, "claim.unknown", "claim '\(id)' is not in the brand context", location: "id")
    }
}

/// Claims as `tessera claims --format json` prints them.
package enum ClaimsJSON {
    /// Fixed key order (id, text first) so the JSON reads well and diffs stay small.
    package static func json(_ c: UsableClaim) -> JSONText {
        .object([
            ("id", .string(c.id)), ("text", .string(c.text)), ("locale", .string(c.locale)),
            ("disclaimers", .array(c.disclaimers.map { .object([("id", .string($0.id)), ("text", .string($0.text))]) })),
            ("products", .strings(c.products)), ("markets", .strings(c.markets)),
            ("channels", .strings(c.channels)), ("valid_from", .string(c.validFrom)),
            ("valid_until", c.validUntil.map(JSONText.string) ?? .null), ("substantiation", .string(c.substantiation)),
        ])
    }

    /// The CLI's output, final newline included.
    package static func render(_ claims: [UsableClaim]) -> String { JSONText.render(.array(claims.map(json))) + "\n" }
}
