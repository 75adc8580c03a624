import ArgumentParser
import BrandContext
import Foundation
import Service
import TextEscaping

/// `tessera claims` — the approved claims usable in a context on a date, with their disclaimers.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "List the approved claims usable in a market, channel, locale and product on a date.",
        discussion: """
            A claim is usable when the date is inside its validity window (both ends inclusive), it names the market, channel and product asked for (a claim that names no markets, channels or products applies to all), and it has text for the locale (its own variant, or the default text when the language matches: en-CA reads en-US text, fr-CA never does), and no claim that supersedes it is usable in that context (the table ends with "X replaces Y" for each). Each claim comes with the disclaimers it requires, in the same locale. The context is rebuilt first when brand/ changed; an unknown market, channel, locale or product is an error (exit 2).

            Examples:
              tessera claims --market CA --locale fr-CA --channel email
              tessera claims --search waterproof --on 2026-12-01
              tessera claims --product stormline-jacket --format json
            """
    )

    @OptionGroup var location: ContextLocation
    @Option(help: "Words the claim text must contain (prefix match, accents ignored).") var search: String?
    @Option(help: "Market id, e.g. US or CA.") var market: String?
    @Option(help: "Channel id, e.g. email, page, sms.") var channel: String?
    @Option(help: "Locale id, e.g. en-US, fr-CA: selects the text variant.") var locale: String?
    @Option(help: "Product id; brand-wide claims match every product.") var product: String?
    @Option(help: "The day the copy runs, YYYY-MM-DD (default: today).") var on: String?
    @Option(help: "table or json.") var format: TableFormat = .table

    func validate() throws {
        if let on, CalendarDate(on) == nil { throw ValidationError("--on expects YYYY-MM-DD naming a real day, found '\(on)'") }
    }

    func run() throws {
        let store = try location.openStore()
        try checkKnown(store)
        let day = on.flatMap(CalendarDate.init) ?? .todayUTC
        let claims = try store.claims(
            ClaimQuery(
                market: market, channel: channel, locale: locale,
                product: product, on: day, search: search))
        if format == .json {
            print(JSONText.render(.array(claims.map(Self.json))))
            return
        }
        print(
            TextTable.render(
                SQLResult(
                    columns: ["id", "text", "disclaimers", "valid"],
                    rows: claims.map {
                        [$0.id, $0.text, $0.disclaimers.map(\.id).joined(separator: ", "), "\($0.validFrom)..\($0.validUntil ?? "")"]
                    })), terminator: "")
        print("\(claims.count) claim\(claims.count == 1 ? "" : "s") usable on \(day)")
        // A replaced claim is absent from the list above: say which claim took its place.
        for c in claims { if let old = c.supersedes { print("  \(c.id) replaces \(old)\(c.validUntil.map { " until \($0)" } ?? "")") } }
        let fine = claims.flatMap(\.disclaimers).reduce(into: [UsableClaim.Fine]()) { if !$0.contains($1) { $0.append($1) } }
        for d in fine { print("  [\(d.id)] \(d.text)") }
    }

    /// Fixed key order (id, text first) so the JSON reads well and diffs stay small.
    static func json(_ c: UsableClaim) -> JSONText {
        .object([
            ("id", .string(c.id)), ("text", .string(c.text)), ("locale", .string(c.locale)),
            ("disclaimers", .array(c.disclaimers.map { .object([("id", .string($0.id)), ("text", .string($0.text))]) })),
            ("products", .array(c.products.map(JSONText.string))), ("markets", .array(c.markets.map(JSONText.string))),
            ("channels", .array(c.channels.map(JSONText.string))), ("valid_from", .string(c.validFrom)),
            ("valid_until", c.validUntil.map(JSONText.string) ?? .null), ("substantiation", .string(c.substantiation)),
            ("supersedes", c.supersedes.map(JSONText.string) ?? .null),
        ])
    }

    /// An unknown market, channel, locale or product is a typo, not an empty answer.
    func checkKnown(_ store: ContextStore) throws {
        for (kind, value) in [("market", market), ("channel", channel), ("locale", locale), ("product", product)] {
            guard let value else { continue }
            let known = try store.knownIDs(kind)
            if !known.contains(value) {
                printError(
                    "error: unknown \(kind) '\(value)'\(ContextStore.suggestion(for: value, in: known)); the brand has: \(known.joined(separator: ", "))"
                )
                throw ExitCode(2)
            }
        }
    }
}

/// Plain aligned text tables and JSON rows for query output.
enum TextTable {
    /// Cells longer than this are clipped with "…" (a table is for reading; JSON has whole values).
    static let widestColumn = 60

    static func render(_ result: SQLResult) -> String {
        let cells = result.values.map(Self.cells)
        let widths = Self.widths(result.columns, cells)
        return header(result.columns, widths) + cells.map { line($0, widths) }.joined()
    }

    /// A row's cells as printed: NULL spelled out, line breaks shown as ⏎ so a row stays one line.
    static func cells(_ row: [SQLValue]) -> [String] {
        row.map { ($0.text ?? "NULL").replacingOccurrences(of: "\n", with: " ⏎ ") }
    }

    /// Each column as wide as its longest name or cell, at least 1 and at most `widestColumn`.
    static func widths(_ columns: [String], _ cells: [[String]]) -> [Int] {
        columns.indices.map { i in
            max(1, min(widestColumn, ([columns[i]] + cells.map { $0[i] }).map(\.count).max() ?? 0))
        }
    }

    static func header(_ columns: [String], _ widths: [Int]) -> String {
        line(columns, widths) + line(widths.map { String(repeating: "-", count: $0) }, widths)
    }

    static func line(_ values: [String], _ widths: [Int]) -> String {
        values.enumerated().map { i, v in
            let clipped = v.count > widths[i] ? String(v.prefix(widths[i] - 1)) + "…" : v
            return i == values.count - 1 ? clipped : clipped.padding(toLength: widths[i], withPad: " ", startingAt: 0)
        }.joined(separator: "  ") + "\n"
    }

    /// An array of objects, keys in column order.
    static func json(_ result: SQLResult) -> String {
        JSONText.render(.array(result.values.map { jsonObject(result.columns, $0) })) + "\n"
    }

    /// One row as an object: numbers as numbers (non-finite reals as strings), blobs as their size.
    static func jsonObject(_ columns: [String], _ row: [SQLValue]) -> JSONText {
        .object(
            zip(columns, row).map { column, value in
                switch value {
                case .null: return (column, .null)
                case .integer: return (column, .number(value.text ?? "0"))
                case .real(let d): return (column, d.isFinite ? .number(value.text ?? "0") : .string(value.text ?? ""))
                default: return (column, .string(value.text ?? ""))
                }
            })
    }
}
