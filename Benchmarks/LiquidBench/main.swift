// LiquidBench: release-build timing harness (see README "Benchmarks"). Filled in by its issue.
print("LiquidBench: no benchmarks yet")
