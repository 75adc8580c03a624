import Foundation

extension PreviewResult {
    /// The contact sheet as `tessera preview` writes it to `index.html` (live frames, no
    /// thumbnails): for a server that shows it without writing files (`tessera serve`'s
    /// `/preview/`). Its links to single permutations are relative: `p/ID.html`.
    package var contactSheetHTML: String { Page.html(self, thumbnails: [:]) }

    /// `p/ID.html`: the permutation's message as its representative received it, or why it
    /// could not render; nil when the id is not a permutation of this preview.
    package func permutationHTML(_ id: String) -> String? { permutation(id).map(PreviewFiles.permutationFile) }
}
