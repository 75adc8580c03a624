import Foundation

/// Conversions by recipient: per id hash (FNV-1a 64 of the id, the journal's `id_hash`), the
/// times and values of its conversions, sorted by time.
package struct ConversionIndex: Sendable {
    package struct Event: Sendable, Equatable {
        package var at: Double
        package var value: Double
    }
    private(set) var byID: [UInt64: [Event]] = [:]
    /// Conversions kept (after the event filter), and rows skipped because they name another event.
    package private(set) var count = 0
    package private(set) var otherEvents = 0

    package init() {}

    package mutating func add(idHash: UInt64, at: Double, value: Double) {
        byID[idHash, default: []].append(Event(at: at, value: value))
        count += 1
    }

    mutating func skipOtherEvent() { otherEvents += 1 }

    /// Sorts each id's events by time (call once, after the last `add`).
    package mutating func finish() {
        for k in byID.keys where byID[k]!.count > 1 { byID[k]!.sort { $0.at < $1.at } }
    }

    @inline(__always)
    package func events(_ idHash: UInt64) -> [Event]? { byID[idHash] }

    package var ids: Int { byID.count }

    /// FNV-1a 64 of the id's UTF-8 bytes (the same hash the journal stores as `id_hash`).
    @inline(__always)
    package static func idHash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

/// A time window after the send (`--window 7d`).
package struct Window: Sendable, Equatable, CustomStringConvertible {
    package let seconds: Double
    package let text: String

    /// `7d`, `12h`, `90m`, `3600s`, `2w`.
    package init?(_ text: String) {
        guard let unit = text.last, let number = Double(text.dropLast()), number > 0, number.isFinite else { return nil }
        let scale: Double
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        case "w": scale = 604_800
        default: return nil
        }
        seconds = number * scale
        self.text = text
    }

    package var description: String { text }
}
