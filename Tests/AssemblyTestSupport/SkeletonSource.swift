import Assembly
import Catalog
import Liquid

extension Assembler {
    /// The hole-mode MJML and holes of a recipient's message: what `render` hands MJML before
    /// it fills the values (AssemblyBench's Jinja2 baseline, debugging).
    public func skeletonSource(_ record: RecipientRecord) -> ([UInt8], [Hole])? {
        guard let (selection, record) = selection(of: record) else { return nil }
        let t = selection.template
        let base: [(String, Value)] = [("recipient", selection.recipient), ("template", ["id": .string(t.id), "channel": .string(t.channel)])]
        guard let subject = try? t.subject.render(.object(LiquidObject(base))),
            let preheader = try? t.preheader.render(.object(LiquidObject(base))),
            let template = try? compiledTemplate(t, selection.blocks)
        else { return nil }
        var bytes: [UInt8] = []
        var holes: [Hole] = []
        let data: Value = .object(LiquidObject(base + [("subject", .string(subject)), ("preheader", .string(preheader))]))
        let claims = ClaimState(locale: record.string("locale"))
        guard (try? template.render(data, into: &bytes, holes: &holes, registers: [ClaimState.register: claims])) != nil else { return nil }
        return (bytes, holes)
    }
}
