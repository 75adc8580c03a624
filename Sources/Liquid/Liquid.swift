/// Liquid: the template language, parsed once and rendered many times (issue #4).
public enum Liquid {}
