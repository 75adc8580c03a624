// ContextBench: release-build timing harness (see README "Benchmarks"). Filled in by its issue.
print("ContextBench: no benchmarks yet")
