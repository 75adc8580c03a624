/// Pipeline: batch render with streaming NDJSON, parallelism, journal and resume.
/// Arrives with issue #8; the target exists so the module graph of the design is in place.
public enum Pipeline {}
