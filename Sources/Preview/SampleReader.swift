import Assembly
import Foundation

/// Reads the sample recipients (NDJSON). Lines the render would reject are skipped and counted.
package enum SampleReader {
    package static func read(_ url: URL) throws -> (records: [RecipientRecord], rejected: Int) {
        let data = try Data(contentsOf: url)
        var records: [RecipientRecord] = []
        var rejected = 0
        var line = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            line += 1
            if raw.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            switch RecipientRecord.read(raw, line: line) {
            case .success(let r): records.append(r)
            case .failure: rejected += 1
            }
        }
        return (records, rejected)
    }
}
