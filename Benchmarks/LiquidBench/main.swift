// LiquidBench: release-build timing harness for the Liquid module.
//
//   LiquidBench [--iterations N] [--threads 1,2] [--write DIR]
//
// Renders a ~30 KB HTML email template with 20 variables (some through filters) and one
// 12-item loop. Prints the median time per render on one thread, then renders/s with 1..N
// threads. `--write DIR` also writes the same template (Liquid and Jinja2 spellings) and data
// for `scripts/liquid-bench-compare`, which runs python-liquid and Jinja2 on them.
import Foundation
import Liquid

struct Options {
    var iterations = 20_000
    var threads = [1, 2]
    var writeDir: String?

    init(_ args: [String]) {
        var it = args.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--iterations": iterations = Int(it.next() ?? "") ?? iterations
            case "--threads": threads = (it.next() ?? "1").split(separator: ",").compactMap { Int($0) }
            case "--write": writeDir = it.next()
            default: FileHandle.standardError.write(Data("unknown option \(a)\n".utf8)); exit(2)
            }
        }
    }
}

/// Static HTML filler: a realistic email section, repeated to reach the target size.
func filler(_ i: Int) -> String {
    """
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#ffffff;border-collapse:collapse">
      <tr><td class="section-\(i)" style="padding:24px 32px;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:24px;color:#333333">
        <p style="margin:0 0 12px">Our spring collection has landed, with pieces made to last and designed for every day. Section \(i) of this message
        shows what we picked for you, based on what you looked at and what people like you kept coming back for.</p>
        <p style="margin:0 0 12px">Free returns for 30 days, carbon-neutral delivery, and repairs for life on every item in the range.</p>
      </td></tr>
    </table>

    """
}

/// The template in Liquid, and the same template in Jinja2 spelling.
func makeTemplates() -> (liquid: String, jinja: String) {
    // 20 variable outputs: (Liquid, Jinja2) pairs.
    let vars: [(String, String)] = [
        ("{{ recipient.first_name }}", "{{ recipient.first_name }}"),
        ("{{ recipient.last_name | upcase }}", "{{ recipient.last_name | upper }}"),
        ("{{ recipient.email }}", "{{ recipient.email }}"),
        ("{{ recipient.city | capitalize }}", "{{ recipient.city | capitalize }}"),
        ("{{ recipient.tier | default: 'member' }}", "{{ recipient.tier | default('member') }}"),
        ("{{ recipient.points }}", "{{ recipient.points }}"),
        ("{{ recipient.points | plus: 250 }}", "{{ recipient.points + 250 }}"),
        ("{{ offer.title | escape }}", "{{ offer.title | e }}"),
        ("{{ offer.code }}", "{{ offer.code }}"),
        ("{{ offer.discount }}", "{{ offer.discount }}"),
        ("{{ offer.expires }}", "{{ offer.expires }}"),
        ("{{ offer.url }}", "{{ offer.url }}"),
        ("{{ brand.name }}", "{{ brand.name }}"),
        ("{{ brand.address }}", "{{ brand.address }}"),
        ("{{ brand.support_email }}", "{{ brand.support_email }}"),
        ("{{ recipient.first_name | append: ', ' | append: brand.name }}", "{{ recipient.first_name ~ ', ' ~ brand.name }}"),
        ("{{ unsubscribe_url }}", "{{ unsubscribe_url }}"),
        ("{{ preferences_url }}", "{{ preferences_url }}"),
        ("{{ campaign.id }}", "{{ campaign.id }}"),
        ("{{ campaign.name | downcase }}", "{{ campaign.name | lower }}"),
    ]
    let loopLiquid = """
        <table class="recs">{% for item in recommendations %}
          <tr><td class="name">{{ item.name }}</td><td class="price">{{ item.price }}</td><td><a href="{{ item.url }}">Shop</a></td></tr>{% endfor %}
        </table>

        """
    let loopJinja = """
        <table class="recs">{% for item in recommendations %}
          <tr><td class="name">{{ item.name }}</td><td class="price">{{ item.price }}</td><td><a href="{{ item.url }}">Shop</a></td></tr>{% endfor %}
        </table>

        """
    var liquid = "<!doctype html>\n<html><body>\n"
    var jinja = liquid
    for (i, v) in vars.enumerated() {
        let chunk = filler(i) + filler(i + 100)
        liquid += chunk + "<p>" + v.0 + "</p>\n"
        jinja += chunk + "<p>" + v.1 + "</p>\n"
        if i == 9 { liquid += loopLiquid; jinja += loopJinja }
    }
    liquid += "</body></html>\n"
    jinja += "</body></html>\n"
    return (liquid, jinja)
}

let dataJSON = """
    {
      "recipient": {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "city": "london",
                    "tier": "gold", "points": 1250},
      "offer": {"title": "Spring <Sale> & more", "code": "SPRING25", "discount": 25, "expires": "2026-04-30",
                "url": "https://example.com/o/spring"},
      "brand": {"name": "Tessera Goods", "address": "1 Mosaic Way, Ravenna", "support_email": "help@example.com"},
      "unsubscribe_url": "https://example.com/u/abc", "preferences_url": "https://example.com/p/abc",
      "campaign": {"id": "c-2026-03", "name": "Spring LAUNCH"},
      "recommendations": [
        {"name": "Linen shirt", "price": 59, "url": "https://example.com/p/1"},
        {"name": "Canvas tote", "price": 25, "url": "https://example.com/p/2"},
        {"name": "Wool socks", "price": 12, "url": "https://example.com/p/3"},
        {"name": "Denim jacket", "price": 120, "url": "https://example.com/p/4"},
        {"name": "Cotton tee", "price": 19, "url": "https://example.com/p/5"},
        {"name": "Rain coat", "price": 149, "url": "https://example.com/p/6"},
        {"name": "Leather belt", "price": 45, "url": "https://example.com/p/7"},
        {"name": "Knit beanie", "price": 22, "url": "https://example.com/p/8"},
        {"name": "Chino shorts", "price": 49, "url": "https://example.com/p/9"},
        {"name": "Silk scarf", "price": 65, "url": "https://example.com/p/10"},
        {"name": "Trail shoes", "price": 135, "url": "https://example.com/p/11"},
        {"name": "Sun hat", "price": 29, "url": "https://example.com/p/12"}
      ]
    }
    """

let options = Options(CommandLine.arguments)
let (liquidSource, jinjaSource) = makeTemplates()
let data = try Value.parseJSON(dataJSON)

if let dir = options.writeDir {
    let url = URL(fileURLWithPath: dir)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try liquidSource.write(to: url.appendingPathComponent("template.liquid"), atomically: true, encoding: .utf8)
    try jinjaSource.write(to: url.appendingPathComponent("template.jinja"), atomically: true, encoding: .utf8)
    try dataJSON.write(to: url.appendingPathComponent("data.json"), atomically: true, encoding: .utf8)
}

// BENCH_VARIANT=static renders the same bytes with no tags (the cost floor of copying the text).
let variant = ProcessInfo.processInfo.environment["BENCH_VARIANT"]
let benchSource = variant == "static" ? liquidSource.replacingOccurrences(of: "{", with: "(") : liquidSource
let template = try Environment().parse(benchSource, name: "bench.liquid")
var buffer: [UInt8] = []
try template.render(data, into: &buffer)
print("template: \(liquidSource.utf8.count) bytes source, \(buffer.count) bytes output")

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// CPU time of the calling thread: unlike wall time, it does not count time the thread waited
/// for a core, so it stays meaningful on a busy shared machine.
func threadCPUNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

// Single thread: time batches of renders and take the median per render (wall and thread CPU).
let batch = 100
var wallSamples: [Double] = []
var cpuSamples: [Double] = []
for _ in 0..<max(1, options.iterations / batch) {
    let t0 = now(), c0 = threadCPUNanos()
    for _ in 0..<batch {
        buffer.removeAll(keepingCapacity: true)
        try template.render(data, into: &buffer)
    }
    cpuSamples.append(Double(threadCPUNanos() - c0) / Double(batch) / 1000)
    wallSamples.append(Double(now() - t0) / Double(batch) / 1000)
}
wallSamples.sort()
cpuSamples.sort()
func pct(_ s: [Double], _ p: Int) -> Double { s[min(s.count - 1, s.count * p / 100)] }
print(
    String(
        format: "swift-liquid median: %.2f us/render wall (p10 %.2f, p90 %.2f); %.2f us/render thread CPU (%d renders)",
        pct(wallSamples, 50), pct(wallSamples, 10), pct(wallSamples, 90), pct(cpuSamples, 50), wallSamples.count * batch))

// Block eligibility: a compiled condition evaluated against the same data.
let predicate = try Environment().compileCondition(#"recipient.tier == "gold" and recipient.points > 1000 or offer.code contains "VIP""#)
var hits = 0
let p0 = threadCPUNanos()
for _ in 0..<options.iterations { if try predicate.evaluate(data) { hits += 1 } }
print(
    String(
        format: "predicate: %.3f us/evaluation (thread CPU, %d evaluations, %d true)",
        Double(threadCPUNanos() - p0) / Double(options.iterations) / 1000, options.iterations, hits))

/// CPU time of the process (all threads), to tell scaling apart from a busy shared machine.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(0, &usage)  // RUSAGE_SELF
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

// Threads: all share the compiled template; each has its own data (as recipients do) and buffer.
for n in options.threads {
    let perThread = options.iterations
    let perThreadData = try (0..<n).map { _ in try Value.parseJSON(dataJSON) }
    let t0 = now(), c0 = cpuSeconds()
    DispatchQueue.concurrentPerform(iterations: n) { t in
        let data = perThreadData[t]
        var local: [UInt8] = []
        local.reserveCapacity(64 * 1024)
        for _ in 0..<perThread {
            local.removeAll(keepingCapacity: true)
            try! template.render(data, into: &local)
        }
    }
    let seconds = Double(now() - t0) / 1e9, cpu = cpuSeconds() - c0
    print(
        String(
            format: "threads=%d: %.0f renders/s wall, %.0f renders per CPU-second", n, Double(n * perThread) / seconds, Double(n * perThread) / cpu))
}
