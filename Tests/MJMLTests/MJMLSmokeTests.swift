import Testing
@testable import MJML
