// VoiceBench: release-build timing harness (see README "Benchmarks"). Filled in by its issue.
print("VoiceBench: no benchmarks yet")
