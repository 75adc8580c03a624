"""python-liquid and Jinja2 timings for scripts/liquid-bench-compare (same template and data).

usage: liquid-bench-python.py DIR ITERATIONS   (DIR holds template.liquid, template.jinja, data.json)
"""
import json
import statistics
import sys
import time
from pathlib import Path


def median_us(render, iterations, batch=20):
    samples = []
    for _ in range(max(1, iterations // batch)):
        t0 = time.perf_counter_ns()
        for _ in range(batch):
            render()
        samples.append((time.perf_counter_ns() - t0) / batch / 1000)
    return statistics.median(samples), len(samples) * batch


def main():
    folder = Path(sys.argv[1])
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    data = json.loads((folder / "data.json").read_text())
    results = []

    import liquid
    lt = liquid.Environment().from_string((folder / "template.liquid").read_text())
    out = lt.render(**data)
    results.append((f"python-liquid {liquid.__version__}", len(out.encode()), *median_us(lambda: lt.render(**data), iterations)))

    import jinja2
    jt = jinja2.Environment(autoescape=False).from_string((folder / "template.jinja").read_text())
    out = jt.render(**data)
    results.append((f"jinja2 {jinja2.__version__}", len(out.encode()), *median_us(lambda: jt.render(**data), iterations)))

    for name, size, med, n in results:
        print(f"{name}: median {med:.2f} us/render ({n} renders, {size} bytes output)")


if __name__ == "__main__":
    main()
