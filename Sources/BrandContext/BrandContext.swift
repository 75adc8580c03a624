/// BrandContext: load and validate `brand/` YAML into typed models and a queryable SQLite store.
public enum BrandContextModule {}
