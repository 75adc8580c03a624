import Assembly
import Foundation

extension Project {
    /// `tessera explain` for one recipient (the body of one NDJSON line): the template decision,
    /// consent and holdout, every candidate of every slot and what happened to it, the outcome.
    package func explain(recipient body: some Collection<UInt8>, _ options: RenderOptions) throws(ServiceError) -> String {
        try withRenderer(for: body, options) { renderer, bytes throws(ServiceError) in
            Explainer.explain(try Self.readRecipient(bytes, parser: renderer.parser), assembler: renderer.assembler)
        }
    }
}
