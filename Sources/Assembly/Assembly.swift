/// Assembly: catalog of templates and blocks; selection, assembly, explain.
/// Arrives with issue #6; the target exists so the module graph of the design is in place.
public enum Assembly {}
