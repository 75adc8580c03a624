import Foundation

/// The project's share of a run's inputs: every file under `brand/`, `templates/` and
/// `blocks/` (relative path and bytes, in path order). A run can only be resumed against the
/// same project, or its two halves would disagree.
package enum ProjectHash {
    package static func compute(root: URL) -> String {
        var h: UInt64 = 0
        let fm = FileManager.default
        for folder in ["brand", "templates", "blocks"] {
            let base = root.appendingPathComponent(folder)
            guard let e = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            var files: [(String, URL)] = []
            for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append((folder + "/" + url.path.dropFirst(base.path.count + 1), url))
            }
            for (rel, url) in files.sorted(by: { $0.0 < $1.0 }) {
                let name = Array(rel.utf8)
                h = PipelineHash.chain(h, PipelineHash.bytes(name, 0..<name.count))
                let bytes = [UInt8]((try? Data(contentsOf: url)) ?? Data())
                h = PipelineHash.chain(h, PipelineHash.bytes(bytes, 0..<bytes.count))
            }
        }
        return PipelineHash.hex(h)
    }
}
