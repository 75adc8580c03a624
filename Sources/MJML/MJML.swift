/// MJML: parse MJML markup and render MJML-4-compatible responsive HTML (issue #3).
public enum MJML {}
