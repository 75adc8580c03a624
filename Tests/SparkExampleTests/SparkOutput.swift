import Foundation

/// One NDJSON line as the test sees it: its id (nil when absent or unusable), status and the
/// detail of its first reason (a rejection's names the input line).
struct Record: Equatable {
    var id: String?
    var status: String?
    var detail: String?
}

/// Reading the job's input and output folder.
enum SparkOutput {
    /// The records of each `part-*` file, in part order (Spark's output folder layout).
    static func partFiles(in folder: URL) throws -> [[Record]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("part-") }.sorted()
        return try names.map { name in
            try lines(of: folder.appendingPathComponent(name)).map { line in
                let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any]
                let reasons = object?["reasons"] as? [[String: Any]]
                return Record(
                    id: idKey(object?["id"]), status: object?["status"] as? String ?? "unparseable",
                    detail: reasons?.first?["detail"] as? String)
            }
        }
    }

    /// One entry per input line: its id as tessera reads it, or nil (tessera rejects the line).
    /// A line that is not JSON keeps the id it opens with (tessera rejects it under that id).
    static func inputIds(_ file: URL) throws -> [String?] {
        try lines(of: file).map { line in
            guard let object = try? JSONSerialization.jsonObject(with: line) else { return leadingID(line) }
            return idKey((object as? [String: Any])?["id"])
        }
    }

    /// `{"id": "…",` at the start of a line: the id tessera reads from a line it cannot parse.
    static func leadingID(_ line: Data) -> String? {
        let text = String(decoding: line, as: UTF8.self)
        guard let match = text.firstMatch(of: /^\s*\{\s*"id"\s*:\s*"([^"\\\x00-\x1f]+)"\s*[,}]/) else { return nil }
        return String(match.1)
    }

    /// tessera's id rule: a non-empty string or a number (numbers come back as strings).
    static func idKey(_ value: Any?) -> String? {
        if let s = value as? String { return s.isEmpty ? nil : s }
        if let n = value as? Int { return String(n) }
        return nil
    }

    /// The file's lines as bytes (a final newline does not start another line).
    static func lines(of file: URL) throws -> [Data] {
        let data = try Data(contentsOf: file)
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { Data($0) }
    }
}

/// Input ids against output records: what is missing, repeated, rejected and out of order.
struct OnceReport {
    var ids = 0
    var inputDuplicates: [String] = []
    var missing: [String] = []
    var repeated: [String] = []
    var noIdLines: [Int] = []
    var rejectedLines: [Int] = []
    /// Rejections whose detail does not name their own input line (`line N` / `line N:col`).
    var misnumbered: [Int] = []
    var firstOutOfOrder: Int?

    init(sent: [String?], back: [Record]) {
        var want: [String: Int] = [:], got: [String: Int] = [:]
        for id in sent.compactMap({ $0 }) { want[id, default: 0] += 1 }
        for id in back.compactMap(\.id) { got[id, default: 0] += 1 }
        ids = want.count
        inputDuplicates = want.filter { $0.value > 1 }.keys.sorted()
        missing = want.filter { got[$0.key, default: 0] < $0.value }.keys.sorted()
        repeated = got.filter { $0.value > want[$0.key, default: 0] }.keys.sorted()
        noIdLines = sent.indices.filter { sent[$0] == nil }.map { $0 + 1 }
        rejectedLines = back.indices.filter { back[$0].id == nil && back[$0].status == "rejected" }.map { $0 + 1 }
        misnumbered = rejectedLines.filter { n in
            let detail = back[n - 1].detail ?? ""
            return !(detail.hasPrefix("line \(n):") || detail.hasPrefix("line \(n) "))
        }
        firstOutOfOrder = zip(sent, back).enumerated().first { $0.element.0 != $0.element.1.id }.map { $0.offset + 1 }
    }
}
