import Foundation

/// A problem with one line of a conversions file: `file:line:col: what was expected`.
package struct ConversionLineError: Error, Sendable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var column: Int
    package var message: String
    package var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Reads conversions (NDJSON, or CSV with a header row) into a `ConversionIndex`. Each row has
/// `id` and `at`, optionally `value` (revenue) and `event`; with an event filter only rows of
/// that event count. A malformed line is skipped and reported, never fatal.
package struct ConversionReader {
    package enum Format: String, Sendable { case ndjson, csv }

    package var event: String?
    /// The most line errors kept for the report (the count is always exact).
    package var keptErrors = 20

    package private(set) var errors: [ConversionLineError] = []
    package private(set) var badLines = 0

    package init(event: String? = nil) { self.event = event }

    /// `.csv` files are CSV; anything else NDJSON.
    package static func format(of path: String) -> Format { path.lowercased().hasSuffix(".csv") ? .csv : .ndjson }

    package mutating func read(path: String, format: Format? = nil) throws -> ConversionIndex {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LiftError("cannot read conversions file '\(path)'")
        }
        return read(bytes: [UInt8](data), name: path, format: format ?? Self.format(of: path))
    }

    package mutating func read(bytes: [UInt8], name: String, format: Format) -> ConversionIndex {
        var index = ConversionIndex()
        var lineNumber = 0
        var header: [String]? = nil
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                var end = start
                while end < all.count && all[end] != 10 { end += 1 }
                lineNumber += 1
                var line = UnsafeBufferPointer(rebasing: all[start..<end])
                if line.last == 13 { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
                start = end + 1
                if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
                let fields: Result<[String: Field], ConversionLineError>
                switch format {
                case .ndjson:
                    fields = FlatJSON.object(line).mapError {
                        ConversionLineError(file: name, line: lineNumber, column: $0.column, message: $0.message)
                    }
                case .csv:
                    guard let names = header else {
                        header = CSV.fields(line).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                        if !(header!.contains("id") && header!.contains("at")) {
                            note(
                                ConversionLineError(
                                    file: name, line: lineNumber, column: 1,
                                    message:
                                        "expected a header row naming the columns id and at (and optionally value, event); got \(header!.joined(separator: ","))"
                                ))
                            header = []
                        }
                        continue
                    }
                    let values = CSV.fields(line)
                    if values.count != names.count {
                        fields = .failure(
                            ConversionLineError(
                                file: name, line: lineNumber, column: 1,
                                message: "expected \(names.count) fields as in the header, got \(values.count)"))
                    } else {
                        fields = .success(Dictionary(zip(names, values.map(Field.text)), uniquingKeysWith: { a, _ in a }))
                    }
                }
                switch fields {
                case .failure(let e): note(e)
                case .success(let f):
                    if let e = add(f, to: &index) { note(ConversionLineError(file: name, line: lineNumber, column: 1, message: e)) }
                }
            }
        }
        index.finish()
        return index
    }

    private mutating func note(_ e: ConversionLineError) {
        badLines += 1
        if errors.count < keptErrors { errors.append(e) }
    }

    /// Adds one row; returns what was wrong with it, if anything.
    private func add(_ f: [String: Field], to index: inout ConversionIndex) -> String? {
        guard let id = f["id"]?.text, !id.isEmpty else { return "expected \"id\" (a non-empty string or number)" }
        guard let atField = f["at"] else { return "expected \"at\" (an ISO 8601 time such as 2026-11-23T10:00:00Z, or Unix seconds)" }
        let at: Double?
        switch atField {
        case .number(let n): at = n
        case .text(let s): at = Double(s).flatMap { $0.isFinite ? $0 : nil } ?? Timestamp.parse(Array(s.utf8))
        case .other: at = nil
        }
        guard let at else { return "\"at\" \(atField.quoted) is not an ISO 8601 time (2026-11-23T10:00:00Z) or Unix seconds" }
        var value = 0.0  // no value: a conversion without revenue
        if let v = f["value"] {
            switch v {
            case .number(let n): value = n
            case .text(let s) where s.isEmpty: value = 0
            case .text(let s):
                guard let n = Double(s), n.isFinite else { return "\"value\" \(v.quoted) is not a number" }
                value = n
            case .other: value = 0  // null: no value
            }
        }
        if let wanted = event, f["event"]?.text != wanted {
            index.skipOtherEvent()
            return nil
        }
        index.add(idHash: ConversionIndex.idHash(id.utf8), at: at, value: value)
        return nil
    }
}

/// A field of a conversion row.
enum Field {
    case text(String)
    case number(Double)
    /// null, true, false, an object or an array.
    case other

    var text: String? {
        switch self {
        case .text(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .other: return nil
        }
    }

    var quoted: String {
        switch self {
        case .text(let s): return "\"\(s)\""
        case .number(let n): return "\(n)"
        case .other: return "(not a string or number)"
        }
    }
}

/// Errors a user can cause with `lift` and `generate-conversions`.
package struct LiftError: Error, CustomStringConvertible {
    package var description: String
    package init(_ d: String) { description = d }
}
