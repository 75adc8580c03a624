import Foundation

/// Pixel statistics of a PNG (decoded by Python's standard library: zlib + the PNG row filters),
/// to tell a rendered screenshot from a blank one.
struct PNGStats: CustomStringConvertible {
    var width: Int
    var height: Int
    var distinctColors: Int
    /// Share of pixels that differ from the most common colour.
    var nonBackground: Double
    var description: String { "\(width)x\(height), \(distinctColors) colours, \(nonBackground) not background" }

    static let script = #"""
        import sys, zlib, struct, collections
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
        pos, idat = 8, b''
        while pos < len(data):
            n, kind = struct.unpack('>I4s', data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
            if kind == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            elif kind == b'IDAT': idat += body
        assert depth == 8 and ctype in (2, 6), 'unsupported PNG %d/%d' % (depth, ctype)
        bpp = 3 if ctype == 2 else 4
        raw, stride, prev, rows, i = zlib.decompress(idat), w * bpp, bytearray(w * bpp), [], 0
        for y in range(h):
            f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
                if f == 1: line[x] = (line[x] + a) & 255
                elif f == 2: line[x] = (line[x] + b) & 255
                elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(bytes(line)); prev = line
        counts = collections.Counter(r[x:x + 3] for r in rows[::2] for x in range(0, stride, bpp * 2))
        total = sum(counts.values())
        print(w, h, len(counts), 1 - counts.most_common(1)[0][1] / total)
        """#

    static func of(_ png: URL) throws -> PNGStats {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, png.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let parts = String(decoding: data, as: UTF8.self).split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard p.terminationStatus == 0, parts.count == 4, let w = Int(parts[0]), let h = Int(parts[1]), let n = Int(parts[2]),
            let f = Double(parts[3])
        else {
            throw PNGError(message: "cannot decode \(png.path) with python3 (exit \(p.terminationStatus)): \(errText)")
        }
        return PNGStats(width: w, height: h, distinctColors: n, nonBackground: f)
    }

    struct PNGError: Error, CustomStringConvertible { var message: String; var description: String { message } }
}
