// MJMLBench: release-build timing harness (see README "Benchmarks"). Filled in by its issue.
print("MJMLBench: no benchmarks yet")
