"""Drives `tessera lsp` with pygls's LanguageClient, as an editor would (issue #20's bar).

Usage: lsp_client.py TESSERA PROJECT

Checks, each printed as "ok - ..." or "not ok - ...", then "N passed, M failed":
  1. initialize answers with hover, completion, definition and code action capabilities;
  2. opening a block with three problems publishes three diagnostics at their ranges
     (a voice substitution after an emoji, so UTF-16 columns differ from scalar columns;
     an unknown claim id; an image over http);
  3. changing the text to fix one publishes two;
  4. hover on a claim id shows the claim's text and disclaimers;
  5. completion inside a claim tag offers the claims usable for the block (an expired claim
     and a claim of the other market are not offered);
  6. the substitution's code action is applied and the diagnostic goes away.
Exit status 0 when every check passed.
"""

import asyncio
import os
import sys

from lsprotocol import types
from pygls.lsp.client import LanguageClient

DAY = "2026-06-01"

# The block: three problems, each on its own line (0-based lines 10, 11 and 12).
BLOCK = """---
id: lsp-trial
slot: main
tags: [story]
priority: 10
claims: [rewards-points]
locales: [en-US]
---
<mj-section background-color="#FFFFFF" padding="16px 0">
  <mj-column>
    <mj-text>Trail days 😀 need a raincoat that breathes.</mj-text>
    <mj-text>{% claim "rewards-points" %} {% claim "no-such-claim" %}</mj-text>
    <mj-image src="http://www.larchwood.com/images/trail.jpg" alt="A trail in the rain" />
  </mj-column>
</mj-section>
"""

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok - " if ok else "not ok - ") + name + ("" if ok else f": {detail}"), flush=True)


def where_is(needle):
    """The LSP range of the first `needle` in BLOCK: 0-based line, UTF-16 characters."""
    for n, line in enumerate(BLOCK.split("\n")):
        if needle in line:
            start = len(line[:line.index(needle)].encode("utf-16-le")) // 2
            return (n, start, n, start + len(needle.encode("utf-16-le")) // 2)
    raise ValueError(needle)


def span(d):
    r = d.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


async def main(tessera, project):
    client = LanguageClient("tessera-lsp-test", "1")
    published = {}
    arrived = asyncio.Condition()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def on_diagnostics(params):
        async with arrived:
            published[(params.uri, params.version)] = params.diagnostics
            arrived.notify_all()

    async def diagnostics(uri, version):
        async with arrived:
            await asyncio.wait_for(arrived.wait_for(lambda: (uri, version) in published), 120)
            return published[(uri, version)]

    await client.start_io(tessera, "lsp", "--project", project, "--now", DAY, "--debounce-ms", "50", "--no-watch")
    root = "file://" + os.path.abspath(project)
    init = await asyncio.wait_for(client.initialize_async(types.InitializeParams(
        process_id=os.getpid(), root_uri=root, capabilities=types.ClientCapabilities())), 120)
    caps = init.capabilities
    check("initialize announces hover, completion, definition and code actions",
          bool(caps.hover_provider) and caps.completion_provider is not None and bool(caps.definition_provider) and caps.code_action_provider is not None,
          str(caps))
    client.initialized(types.InitializedParams())

    uri = root + "/blocks/lsp-trial.mjml"
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="html", version=1, text=BLOCK)))
    first = await diagnostics(uri, 1)
    by_code = {d.code: d for d in first}
    expected = {
        # "raincoat" after "Trail days 😀 need a ": the emoji is 2 UTF-16 units and 1 scalar,
        # so the range is 34..42 (UTF-16), not 33..41 (scalars).
        "voice.Larchwood.Terms": (10, 34, 10, 42),
        # the unknown id inside its claim tag
        "claims.unknown": where_is("no-such-claim"),
        # the image's URL
        "images.https": where_is("http://www.larchwood.com/images/trail.jpg"),
    }
    check("the substitution's range counts UTF-16", where_is("raincoat") == expected["voice.Larchwood.Terms"], where_is("raincoat"))
    check("three diagnostics on open", len(first) == 3, [(d.code, span(d), d.message) for d in first])
    for code, where in expected.items():
        d = by_code.get(code)
        check(f"{code} at {where}", d is not None and span(d) == where, d and (span(d), d.message))

    # Fix the image: two diagnostics remain.
    fixed = BLOCK.replace("http://www.larchwood.com", "https://www.larchwood.com")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    second = await diagnostics(uri, 2)
    check("two diagnostics after the fix", sorted(d.code for d in second) == ["claims.unknown", "voice.Larchwood.Terms"],
          [(d.code, span(d)) for d in second])

    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=11, character=25)))
    text = hover.contents.value if hover else ""
    check("hover on a claim id shows its text and disclaimers",
          "Trailhead Rewards members earn a point" in text and "loyalty-terms" in text, text)

    # Inside the second tag's quotes, after `{% claim "`.
    completion = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=11, character=56)))
    items = completion.items if hasattr(completion, "items") else (completion or [])
    labels = {i.label for i in items}
    check("completion in a claim tag offers the usable claims",
          "rewards-points" in labels and "free-shipping-us-75" in labels
          and "free-shipping-ca-99" not in labels and "fall-outerwear-sale-2025" not in labels,
          sorted(labels))

    terms = next(d for d in second if d.code == "voice.Larchwood.Terms")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=terms.range,
        context=types.CodeActionContext(diagnostics=[terms])))
    replace = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.title.startswith("Replace with")]
    check("a substitution code action is offered", len(replace) >= 1, [a.title for a in actions or []])
    if replace:
        edits = replace[0].edit.changes[uri]
        lines = fixed.split("\n")
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            line = lines[e.range.start.line].encode("utf-16-le")
            start, end = e.range.start.character * 2, e.range.end.character * 2
            lines[e.range.start.line] = (line[:start] + e.new_text.encode("utf-16-le") + line[end:]).decode("utf-16-le")
        applied = "\n".join(lines)
        check("the edit replaces the word", "need a rain jacket that breathes" in applied, lines[10])
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=applied)]))
        third = await diagnostics(uri, 3)
        check("the substitution's diagnostic is gone", [d.code for d in third] == ["claims.unknown"], [(d.code, span(d)) for d in third])

    await asyncio.wait_for(client.shutdown_async(None), 60)
    client.exit(None)
    await asyncio.wait_for(client.stop(), 60)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2])))
