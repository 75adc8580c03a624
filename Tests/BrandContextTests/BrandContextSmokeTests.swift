import Testing
@testable import BrandContext
