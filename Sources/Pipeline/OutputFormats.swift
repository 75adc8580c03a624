import Assembly
import BrandContext
import Foundation

/// How an output record becomes bytes: what goes into the ordered stream (the NDJSON output,
/// or `manifest.ndjson`) and which files it asks for. Called on worker threads.
package protocol RecordEmitter: Sendable {
    func emit(_ r: RenderedRecipient, stream: inout [UInt8], files: inout [(name: String, bytes: [UInt8])])
}

/// `--format ndjson`: one JSON object a line (Assembly's NDJSONWriter).
package struct NDJSONEmitter: RecordEmitter {
    package init() {}
    package func emit(_ r: RenderedRecipient, stream: inout [UInt8], files: inout [(name: String, bytes: [UInt8])]) {
        NDJSONWriter.append(r, to: &stream)
    }
}

/// `--format files` (`NAME.html`, `NAME.txt`) and `--format eml` (`NAME.eml`), NAME from the id
/// by `EMLWriter.fileName`: the stream is the manifest, one record a line with a `files` field
/// naming the files written for it (empty unless rendered).
package struct FileSetEmitter: RecordEmitter {
    package enum Kind: Sendable { case files, eml }
    package let kind: Kind
    package let sender: Sender
    package let now: Date
    package init(kind: Kind, sender: Sender, now: Date) {
        self.kind = kind
        self.sender = sender
        self.now = now
    }

    package func emit(_ r: RenderedRecipient, stream: inout [UInt8], files: inout [(name: String, bytes: [UInt8])]) {
        let first = files.count
        var bodyFiles: (html: String, text: String)?
        if r.status == .rendered, let id = r.id {
            let name = EMLWriter.fileName(id)
            switch kind {
            case .files:
                bodyFiles = (name + ".html", name + ".txt")
                files.append((name + ".html", Array(r.html.utf8)))
                files.append((name + ".txt", Array(r.text.utf8)))
            case .eml:
                files.append((name + ".eml", EMLWriter.message(r, to: r.email, sender: sender, now: now)))
            }
        }
        // The manifest line is the NDJSON record (`…]}` and a newline) with `files` added last;
        // for `files`, its html and text name the files written.
        stream += r.manifestLine(bodyFiles: bodyFiles).dropLast(2)
        stream += #","files":["#.utf8
        for (i, f) in files[first...].enumerated() {
            if i > 0 { stream.append(UInt8(ascii: ",")) }
            stream.append(UInt8(ascii: "\""))
            stream += f.name.utf8  // names are ASCII letters, digits and -_.%~: nothing to escape
            stream.append(UInt8(ascii: "\""))
        }
        stream += "]}\n".utf8
    }
}
