import Logging

/// Hummingbird's logger: the process's log handler for the server's own lines (channel errors
/// at `.error`), without the request id Hummingbird adds to every request's logger.
/// The default handler (`StreamLogHandler`) formats its whole metadata each time a key is set,
/// ~10,000 instructions a request, for lines that are never written at `.error`: requests log
/// below that level, and the access log carries their ids.
struct ServerLogHandler: LogHandler {
    private var base: any LogHandler

    init(_ base: any LogHandler) { self.base = base }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    /// Keys set one at a time (`Logger.with(metadataKey:value:)`: Hummingbird's `hb.request.id`)
    /// are dropped; reading gives the base handler's.
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set {}
    }

    func log(event: LogEvent) { base.log(event: event) }
}
