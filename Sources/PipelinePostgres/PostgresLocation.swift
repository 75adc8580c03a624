import Foundation
import Pipeline

/// Where a PostgreSQL journal lives: `postgres://USER@HOST:PORT/DB?sslmode=…` (`--journal`).
///
/// The password is never part of the URL: a command line is visible to every user of the
/// machine (`ps`) and is kept in shell history. It comes from `PGPASSWORD` or a pgpass file
/// (`PGPASSFILE`, default `~/.pgpass`), as for `psql`.
package struct PostgresLocation: Sendable, Equatable {
    package enum SSLMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or no connection, without checking the certificate (libpq's `require`).
        case require
        /// TLS with the certificate checked against `sslrootcert` (or the system's roots).
        case verifyCA = "verify-ca"
        /// As `verify-ca`, and the certificate must name the host.
        case verifyFull = "verify-full"
    }

    package var user: String
    package var host: String
    package var port: Int
    package var database: String
    package var sslMode: SSLMode = .prefer
    package var sslRootCert: String?
    /// How long a run waits for the server to come back (a restart, a failover) before it
    /// gives up: `retry=SECONDS` in the URL, default 300.
    package var retrySeconds = 300.0
    /// One connection attempt: `connect_timeout=SECONDS`, default 10.
    package var connectTimeout = 10.0

    package static let defaultRetrySeconds = 300.0

    /// Whether `--journal` names a PostgreSQL database rather than a SQLite file.
    package static func isURL(_ spec: String) -> Bool {
        spec.hasPrefix("postgres://") || spec.hasPrefix("postgresql://")
    }

    package init(parsing spec: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(spec), let url = URLComponents(string: spec) else {
            throw JournalError("--journal '\(spec)': expected postgres://USER@HOST:PORT/DATABASE (or a SQLite file path)")
        }
        if url.password != nil {
            throw JournalError(
                "--journal: a password in the URL is refused: a command line is visible to every user of the machine (ps) and is kept in shell history; give it in PGPASSWORD or a pgpass file (PGPASSFILE, default ~/.pgpass) instead"
            )
        }
        user = url.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? NSUserName()
        host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = url.port ?? 5432
        let db = String(url.path.drop(while: { $0 == "/" }))
        database = db.isEmpty ? user : db
        for item in url.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw JournalError("--journal: sslmode '\(value)' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                sslMode = mode
            case "sslrootcert": sslRootCert = value
            case "retry": retrySeconds = try Self.seconds(item.name, value)
            case "connect_timeout": connectTimeout = try Self.seconds(item.name, value)
            default:
                throw JournalError("--journal: unknown URL parameter '\(item.name)' (known: sslmode, sslrootcert, retry, connect_timeout)")
            }
        }
    }

    private static func seconds(_ name: String, _ value: String) throws -> Double {
        guard let s = Double(value), s.isFinite, s > 0 else {
            throw JournalError("--journal: \(name)=\(value): expected a number of seconds above 0")
        }
        return s
    }

    /// The URL as shown in messages and `tessera runs` (never a password).
    package var display: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)\(sslMode == .prefer ? "" : "?sslmode=\(sslMode.rawValue)")"
    }

    /// The password: `PGPASSWORD`, else the first matching line of the pgpass file, else none
    /// (the server may not ask for one).
    package func password(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let p = environment["PGPASSWORD"] { return p }
        let file = environment["PGPASSFILE"] ?? (NSHomeDirectory() as NSString).appendingPathComponent(".pgpass")
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        var st = stat()
        if stat(file, &st) == 0, st.st_mode & 0o077 != 0 {
            throw JournalError(
                "password file \(file) can be read by other users (mode \(String(st.st_mode & 0o777, radix: 8))): chmod 600 it, as psql requires")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw JournalError("cannot read password file \(file)")
        }
        return PgpassFile.password(in: text, host: host, port: port, database: database, user: user)
    }
}

/// The pgpass format: `hostname:port:database:username:password` per line, `*` matching
/// anything, `\:` and `\\` escaping, `#` comments; the first matching line wins.
package enum PgpassFile {
    package static func password(in text: String, host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 || ($0 == "localhost" && $1 == "127.0.0.1") }) {
                return fields[4]
            }
        }
        return nil
    }

    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for c in line {
            if escaped {
                current.append(c); escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }
}
