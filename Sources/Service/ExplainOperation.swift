import Assembly
import Foundation

extension Project {
    /// `tessera explain` for one recipient (the body of one NDJSON line): the template decision,
    /// consent and holdout, every candidate of every slot and what happened to it, the outcome.
    package func explain(recipient body: some Collection<UInt8>, _ options: RenderOptions) throws(ServiceError) -> String {
        try checkTemplate(options.template)
        let bytes = try Self.checkedUTF8(Self.contiguous(body))
        let now = options.now ?? ServiceClock.currentSecond()
        return try assemblers.with(
            template: options.template, now: now,
            make: { Assembler(catalog: catalog, brand: brand, options: assemblyOptions(template: options.template, now: now)) }
        ) {
            renderer throws(ServiceError) in
            Explainer.explain(try Self.readRecipient(bytes, parser: renderer.parser), assembler: renderer.assembler)
        }
    }
}
