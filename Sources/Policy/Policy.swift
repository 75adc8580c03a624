/// Policy: brand constraints and creepiness rules, static (lint) and per recipient (guard).
/// Arrives with issue #7; the target exists so the module graph of the design is in place.
public enum Policy {}
