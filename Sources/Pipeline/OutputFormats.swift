import Assembly
import BrandContext
import Foundation

/// How an output record becomes bytes: what goes into the ordered stream (the NDJSON output,
/// or `manifest.ndjson`) and which files it asks for. Called on worker threads.
public protocol RecordEmitter: Sendable {
    func emit(_ r: RenderedRecipient, stream: inout [UInt8], files: inout [(name: String, bytes: [UInt8])])
}

/// `--format ndjson`: one JSON object a line (Assembly's NDJSONWriter).
public struct NDJSONEmitter: RecordEmitter {
    public init() {}
    public func emit(_ r: RenderedRecipient, stream: inout [UInt8], files: inout [(name: String, bytes: [UInt8])]) {
        NDJSONWriter.append(r, to: &stream)
    }
}

/// `--format files` (`ID.html`, `ID.txt`) and `--format eml` (`ID.eml`): the stream is the manifest.
public struct FileSetEmitter: RecordEmitter {
    public enum Kind: Sendable { case files, eml }
    public let kind: Kind
    public let sender: Sender
    public let now: Date
    public init(kind: Kind, sender: Sender, now: Date) {
        self.kind = kind
        self.sender = sender
        self.now = now
    }

    public func emit(_ r: RenderedRecipient, stream: inout [UInt8], files: inout [(name: String, bytes: [UInt8])]) {
        stream += r.manifestLine()
        guard r.status == .rendered, let id = r.id else { return }
        let name = EMLWriter.fileName(id)
        switch kind {
        case .files:
            files.append((name + ".html", Array(r.html.utf8)))
            files.append((name + ".txt", Array(r.text.utf8)))
        case .eml:
            files.append((name + ".eml", EMLWriter.message(r, to: r.email, sender: sender, now: now)))
        }
    }
}
