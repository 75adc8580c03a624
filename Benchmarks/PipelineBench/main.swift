print("PipelineBench: not built yet")
