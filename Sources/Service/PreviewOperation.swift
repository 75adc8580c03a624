import Assembly
import BrandContext
import Foundation
import Policy
import Preview

/// What the live preview reads of a project, built on first use and kept with the project (a
/// reload makes a new project, so nothing here outlives the files it was built from).
final class PreviewCache: @unchecked Sendable {
    /// One build at a time: a contact sheet is seconds of work for a large template, and two
    /// pages asking for it at once should wait for one build, not run two.
    private let lock = NSLock()
    private var sheets: [String: PreviewResult] = [:]
    private var findings: [Finding]?
    private var sample: SampleRecipients?

    func with<T>(_ body: (inout [String: PreviewResult], inout [Finding]?, inout SampleRecipients?) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&sheets, &findings, &sample)
    }
}

/// The sample recipients of a project (`examples/recipients.ndjson`, as `tessera preview`
/// reads by default): each valid line's bytes by recipient id, in file order. Read once and
/// never changed after (the records' values are not marked Sendable, hence unchecked).
package struct SampleRecipients: @unchecked Sendable {
    package var source: String
    package var ids: [String]
    var lines: [String: [UInt8]]
    var records: [RecipientRecord]

    static let empty = SampleRecipients(source: "", ids: [], lines: [:], records: [])

    static func read(_ url: URL, display: String) -> SampleRecipients {
        guard let data = try? Data(contentsOf: url) else { return empty }
        var sample = SampleRecipients(source: display, ids: [], lines: [:], records: [])
        var number = 0
        for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            guard case .success(let record) = RecipientRecord.read(raw, line: number), sample.lines[record.id] == nil else { continue }
            let id = record.id
            sample.ids.append(id)
            sample.lines[id] = Array(raw)
            sample.records.append(record)
        }
        return sample
    }
}

extension Project {
    /// Where the sample recipients are read from, relative to the project.
    package static let samplePath = "examples/recipients.ndjson"

    /// The project's sample recipients (none when the file is missing).
    package func sampleRecipients() -> SampleRecipients {
        previews.with { _, _, sample in
            if let sample { return sample }
            let read = SampleRecipients.read(root.appendingPathComponent(Self.samplePath), display: Self.samplePath)
            sample = read
            return read
        }
    }

    /// One sample recipient's line (the body `render` and `explain` take), looked up by id.
    package func sampleRecipient(id: String) throws(ServiceError) -> [UInt8] {
        guard let line = sampleRecipients().lines[id] else {
            throw ServiceError(.notFound, "sample.unknown", "no recipient '\(id)' in \(Self.samplePath)", location: "id")
        }
        return line
    }

    /// `tessera lint` over the whole project (what the contact sheet shows on each card), once per project.
    package func lintFindings(now: Date) -> [Finding] {
        previews.with { _, findings, _ in
            if let findings { return findings }
            let run = Linter.run(LintOptions(project: root, now: CalendarDate(utc: now)), rules: lintRules, catalog: catalog)
            findings = run.findings
            return run.findings
        }
    }

    /// The contact sheet `tessera preview --template ID --now NOW` builds (Preview's builder, with
    /// the project's sample recipients and lint findings), kept per template and day.
    package func contactSheet(template: String, now: Date) throws(ServiceError) -> PreviewResult {
        try checkTemplate(template)
        let key = "\(template)@\(CalendarDate(utc: now))"
        let findings = lintFindings(now: now)
        let sample = sampleRecipients()
        do {
            return try previews.with { sheets, _, _ in
                if let known = sheets[key] { return known }
                let options = PreviewOptions(
                    template: template, now: now, recipients: sample.records, recipientsSource: sample.source, lint: findings)
                let built = try PreviewBuilder.build(options, brand: brand, catalog: catalog)
                sheets[key] = built
                return built
            }
        } catch {
            throw ServiceError(.unprocessable, "preview.build", "cannot build the preview of '\(template)': \(error)")
        }
    }
}
