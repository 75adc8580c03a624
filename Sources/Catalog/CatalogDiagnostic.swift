import BrandContext
import Diagnostics

/// Collects located problems while a catalog loads; every problem is reported, none stops the load
/// of the other files.
final class DiagnosticList {
    private(set) var items: [Diagnostic] = []
    func error(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        items.append(Diagnostic(.error, at: SourceLocation(file: file, line: line, column: column), message))
    }
    func warning(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        items.append(Diagnostic(.warning, at: SourceLocation(file: file, line: line, column: column), message))
    }
    func add(_ d: Diagnostic) { items.append(d) }
}
