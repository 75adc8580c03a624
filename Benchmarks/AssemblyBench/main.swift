print("AssemblyBench: not yet")
