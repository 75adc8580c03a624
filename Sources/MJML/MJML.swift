/// MJML: parse MJML markup and render MJML-4-compatible responsive HTML and a plain-text part.
///
///     let doc = MJML.parse(source)               // once
///     let html = MJML.render(doc)                // many times, from any thread
///     let text = MJML.renderText(doc)
///
/// Text and attribute values pass through byte for byte (no re-escaping), so opaque
/// placeholder tokens put in by a caller survive into the HTML and text output.
public enum MJML {
    /// Parses MJML source. Never throws: problems are returned as diagnostics.
    public static func parse(_ source: String, options: MJMLParseOptions = .init()) -> MJMLDocument {
        parse(bytes: Array(source.utf8), options: options)
    }

    public static func parse(bytes: [UInt8], options: MJMLParseOptions = .init()) -> MJMLDocument {
        MJMLDocument(bytes: bytes, options: options)
    }

    /// Renders the document to a complete HTML document.
    public static func render(_ document: MJMLDocument, options: MJMLRenderOptions = .init()) -> String {
        var r = Renderer(head: document.head, options: options, capacity: document.outputSizeHint)
        r.renderDocument(lang: document.lang, dir: document.dir, explicitLang: document.root.attribute("lang"), body: document.body)
        if needsPostProcessing(document, options) {
            return String(decoding: postProcess(r.out.bytes, document, options), as: UTF8.self)
        }
        return r.out.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    static func needsPostProcessing(_ document: MJMLDocument, _ options: MJMLRenderOptions) -> Bool {
        (options.inlineCSS && document.head.styles.contains { $0.inline }) || !document.head.htmlAttributes.isEmpty
            || options.format != .standard
    }

    /// In MJML's order: `mj-html-attributes` on the body, then CSS inlining, then the format.
    static func postProcess(_ input: [UInt8], _ document: MJMLDocument, _ options: MJMLRenderOptions) -> [UInt8] {
        var bytes = input
        if !document.head.htmlAttributes.isEmpty {
            bytes = HTMLAttributes.applyToBody(document.head.htmlAttributes, of: bytes)
        }
        if options.inlineCSS && !document.inlineRules.isEmpty {
            bytes = CSSInliner.inline(document.inlineRules, into: bytes)
        }
        switch options.format {
        case .standard: return bytes
        case .minified: return Array(HTMLFormat.minify(String(decoding: bytes, as: UTF8.self)).utf8)
        case .beautified: return Array(HTMLFormat.beautify(String(decoding: bytes, as: UTF8.self)).utf8)
        }
    }

    /// Renders to UTF-8 bytes (the fast path: no String conversion).
    public static func renderBytes(_ document: MJMLDocument, options: MJMLRenderOptions = .init()) -> [UInt8] {
        var r = Renderer(head: document.head, options: options, capacity: document.outputSizeHint)
        r.renderDocument(lang: document.lang, dir: document.dir, explicitLang: document.root.attribute("lang"), body: document.body)
        return needsPostProcessing(document, options) ? postProcess(r.out.bytes, document, options) : r.out.bytes
    }

    /// Renders the text/plain part: readable text, links as `text (url)`, no markup.
    public static func renderText(_ document: MJMLDocument) -> String {
        TextRenderer.render(document)
    }
}

public struct MJMLParseOptions: Sendable {
    /// Folder `mj-include` paths are resolved under; nil disables includes.
    public var includeRoot: String?
    public var validation: MJMLValidationLevel
    /// Name used in diagnostics for the main input.
    public var fileName: String?
    /// Bytes all `mj-include`d files of one document may add up to, each include counting at
    /// least 4 KiB (8 MiB by default, so up to 2,048 includes: far above any real email, far
    /// below what a fan-out of includes including includes could read).
    public var maxIncludeBytes: Int

    public static let defaultMaxIncludeBytes = 8 << 20

    public init(
        includeRoot: String? = nil, validation: MJMLValidationLevel = .soft, fileName: String? = nil,
        maxIncludeBytes: Int = MJMLParseOptions.defaultMaxIncludeBytes
    ) {
        self.includeRoot = includeRoot
        self.validation = validation
        self.fileName = fileName
        self.maxIncludeBytes = maxIncludeBytes
    }
}

public enum MJMLValidationLevel: String, Sendable, CaseIterable {
    case skip, soft, strict
}

public struct MJMLRenderOptions: Sendable {
    /// Apply `<mj-style inline="inline">` rules to matching elements' style attributes.
    public var inlineCSS: Bool
    /// The whitespace of the output (MJML's `minify` and `beautify` options).
    public var format: MJMLOutputFormat
    public init(inlineCSS: Bool = true, format: MJMLOutputFormat = .standard) {
        self.inlineCSS = inlineCSS
        self.format = format
    }
}

/// How the HTML is laid out; every format shows the same in a client (see `HTMLFormat`).
public enum MJMLOutputFormat: String, Sendable, CaseIterable {
    /// MJML's own layout: compact, one line per block.
    case standard
    /// Whitespace collapsed (`--minify`).
    case minified
    /// Indented by nesting (`--beautify`).
    case beautified
}

/// A parsed MJML document: reusable, immutable, Sendable.
public struct MJMLDocument: Sendable {
    /// The `<mjml>` element (a synthetic one when the input had none).
    public let root: MJMLNode
    public let diagnostics: [MJMLDiagnostic]
    let head: Head
    let body: MJMLNode?
    let lang: String
    let dir: String
    let outputSizeHint: Int
    /// `<mj-style inline="inline">` rules, parsed once.
    let inlineRules: CSSInliner.RuleSet

    /// True when a diagnostic is an error (under `strict`, every validation finding is).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    init(bytes: [UInt8], options: MJMLParseOptions) {
        var parser = Parser(bytes: bytes, file: options.fileName)
        let top = parser.parse()
        var diagnostics = parser.diagnostics
        var root =
            top.children.first { $0.tag == "mjml" }
            ?? {
                var synthetic = MJMLNode(kind: .element, tag: "mjml", line: 1, column: 1)
                synthetic.children = top.children
                return synthetic
            }()
        if top.children.first(where: { $0.tag == "mjml" }) == nil {
            diagnostics.append(
                MJMLDiagnostic(
                    severity: .warning, line: 1, column: 1,
                    message: "no <mjml> root element; treating the input as its content",
                    file: options.fileName))
        }
        if let includeRoot = options.includeRoot {
            Includes.expand(
                &root, root: includeRoot, maxBytes: options.maxIncludeBytes, mainFile: options.fileName,
                diagnostics: &diagnostics)
        }
        let headNode = root.children.first { $0.tag == "mj-head" }
        var head = Head(from: headNode)
        head.forceOWADesktop = root.attribute("owa") == "desktop"
        let inlineRules = CSSInliner.RuleSet(css: head.styles.filter { $0.inline }.map { $0.css }.joined(separator: "\n"))
        head.keptInlineCSS = inlineRules.kept
        if let bi = root.children.firstIndex(where: { $0.tag == "mj-body" }) {
            Cascade.resolveBody(&root.children[bi], head: head)
            self.body = root.children[bi]
        } else {
            self.body = nil
        }
        if options.validation != .skip {
            diagnostics += Validator.validate(root, strict: options.validation == .strict, file: options.fileName)
        }
        self.root = root
        self.head = head
        self.diagnostics = diagnostics
        self.lang = root.attribute("lang") ?? "und"
        self.dir = root.attribute("dir") ?? "auto"
        self.outputSizeHint = max(16_384, bytes.count * 4)
        self.inlineRules = inlineRules
    }
}
