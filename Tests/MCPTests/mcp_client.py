#!/usr/bin/env python3
"""Drives Tessera's MCP server with the official MCP Python SDK as a real client.

  mcp_client.py --stdio TESSERA --project DIR [--edit-project]
  mcp_client.py --http URL [--token TOKEN]

Initializes; lists tools, resources, resource templates and prompts; reads resources and gets
prompts; calls every tool and validates each structuredContent against the tool's output schema
(jsonschema); checks that bad arguments are tool errors naming the argument; runs the agent loop
on the shipped brand (a draft with an off-voice phrase, an unapproved claim and an approved claim
without its disclaimer gives all three findings; the fixed draft is clean). With --edit-project
(stdio on a scratch copy of a project) it edits brand/ and waits for the change to be served
without a restart. Prints one line per check and 'N passed, N failed'; exits 1 on a failure.
"""
import argparse
import asyncio
import json
import pathlib
import sys

import jsonschema
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

try:  # the SDK's 2.x name, then 1.x's
    from mcp.client.streamable_http import streamable_http_client as _http_client
    _HTTP_NEW = True
except ImportError:  # pragma: no cover
    from mcp.client.streamable_http import streamablehttp_client as _http_client
    _HTTP_NEW = False

TOOLS = ["search_claims", "get_claim", "brand_guidelines", "voice_rules", "lint_copy", "check_claims",
         "list_templates", "list_blocks", "render_preview", "explain_selection"]
DAY = "2026-11-23"
CONTEXT = {"market": "US", "channel": "email", "locale": "en-US"}
# The agent's first draft: an off-voice phrase ("rain coat": the Terms rule), an unapproved claim
# ("lightest": a regulated word) and an approved claim without its disclaimer (hydrostatic-test).
DRAFT = ("Meet the rain coat for wet trails. It is the lightest shell we make.\n"
         "The Stormline 3L Rain Jacket has a 20,000 mm waterproof rating and fully taped seams.\n")
FIXED = ("Meet the rain jacket for wet trails.\n"
         "The Stormline 3L Rain Jacket has a 20,000 mm waterproof rating and fully taped seams.\n"
         "Waterproof rating measured on new fabric by hydrostatic head test (ISO 811). "
         "Performance decreases with wear; reapply DWR as needed.\n")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"ok - {what}")
        else:
            self.failed += 1
            print(f"FAIL - {what}" + (f": {detail}" if detail else ""))
        return ok


def dump(model):
    return model.model_dump(by_alias=True, exclude_none=True) if hasattr(model, "model_dump") else model


def text_of(result):
    return "\n".join(getattr(c, "text", "") for c in result.content)


async def call(session, name, arguments):
    return await session.call_tool(name, arguments)


async def exercise(session, checks, edit_project):
    init = session.initialize_result if hasattr(session, "initialize_result") and session.initialize_result else None
    if init is None:
        init = await session.initialize()
    checks.check(init.server_info.name == "tessera", "initialize names the server", init.server_info.name)

    tools = {t.name: t for t in (await session.list_tools()).tools}
    checks.check(sorted(tools) == sorted(TOOLS), "tools/list has every tool", sorted(tools))
    for name, tool in tools.items():
        checks.check(bool(tool.output_schema) and bool(tool.input_schema), f"{name} has input and output schemas")
        jsonschema.Draft202012Validator.check_schema(tool.output_schema)

    resources = (await session.list_resources()).resources
    uris = {str(r.uri) for r in resources}
    checks.check({"tessera://brand", "tessera://claims", "tessera://voice"} <= uris, "resources/list has brand, claims, voice")
    templates = (await session.list_resource_templates()).resource_templates
    checks.check({t.uri_template for t in templates} == {"tessera://claims/{id}", "tessera://templates/{id}", "tessera://blocks/{id}"},
                 "resource templates for claims, templates, blocks")
    for uri in ["tessera://brand", "tessera://claims", "tessera://voice", "tessera://claims/stormline-waterproof-20k",
                "tessera://templates/welcome", "tessera://blocks/care-layering"]:
        contents = (await session.read_resource(uri)).contents
        body = json.loads(contents[0].text)
        checks.check(isinstance(body, dict) and body, f"read {uri}")
    try:
        await session.read_resource("tessera://nope")
        checks.check(False, "an unknown resource is an error")
    except Exception as e:  # the SDK raises the JSON-RPC error
        checks.check("tessera://brand" in str(e), "an unknown resource is an error naming the resources", str(e))

    prompts = {p.name for p in (await session.list_prompts()).prompts}
    checks.check(prompts == {"write_block", "review_copy"}, "prompts/list", prompts)
    wb = await session.get_prompt("write_block", {"slot": "hero", "goal": "announce the Stormline jacket", "market": "US", "locale": "en-US"})
    wb_text = wb.messages[0].content.text
    checks.check("lint_copy" in wb_text and "check_claims" in wb_text and "stormline" in wb_text.lower(), "write_block carries the brand context and the check loop")
    rc = await session.get_prompt("review_copy", {"text": DRAFT})
    checks.check("lint_copy" in rc.messages[0].content.text, "review_copy asks for lint_copy")

    # Every tool, valid arguments, structured content checked against the tool's output schema.
    recipient = {"id": "mcp-1", "email": "a@example.com", "locale": "en-US", "market": "US",
                 "consent": {"email": True, "personalization": True}, "segments": [],
                 "decision": {"action": "welcome"}, "profile": {"first_name": "Ada"}}
    calls = {
        "search_claims": {"query": "Stormline", "on": DAY, **CONTEXT},
        "get_claim": {"id": "stormline-waterproof-20k", "locale": "fr-CA"},
        "brand_guidelines": {},
        "voice_rules": {},
        "lint_copy": {"text": DRAFT, "format": "text", **CONTEXT},
        "check_claims": {"text": DRAFT, "on": DAY, **CONTEXT},
        "list_templates": {},
        "list_blocks": {"slot": "hero"},
        "render_preview": {"template": "welcome", "recipient": recipient, "now": DAY + "T09:00:00Z", "include_html": True},
        "explain_selection": {"recipient": recipient, "template": "welcome", "now": DAY + "T09:00:00Z"},
    }
    answers = {}
    for name, arguments in calls.items():
        result = await call(session, name, arguments)
        ok = checks.check(not result.is_error and result.structured_content is not None, f"{name} answers", text_of(result)[:300])
        if ok:
            try:
                jsonschema.validate(result.structured_content, tools[name].output_schema)
                checks.check(True, f"{name} structuredContent matches its output schema")
            except jsonschema.ValidationError as e:
                checks.check(False, f"{name} structuredContent matches its output schema", e.message)
            checks.check(bool(text_of(result).strip()), f"{name} has a text rendering")
            answers[name] = result.structured_content
    claims = answers.get("search_claims", {}).get("claims", [])
    checks.check(any(c["id"] == "stormline-waterproof-20k" and c["disclaimers"] for c in claims), "search_claims finds the Stormline claim with its disclaimer")
    checks.check(answers.get("get_claim", {}).get("text", "").startswith("Le manteau"), "get_claim words the claim in the locale asked")
    checks.check("html" in answers.get("render_preview", {}) and answers["render_preview"]["status"] in ("rendered", "suppressed", "held"),
                 "render_preview includes the HTML when asked")
    no_html = await call(session, "render_preview", {"template": "welcome", "recipient": recipient, "now": DAY + "T09:00:00Z"})
    checks.check("html" not in (no_html.structured_content or {"html": 1}), "render_preview leaves the HTML out unless asked")

    # Bad input: tool errors naming the argument and what was expected.
    bad = [
        ("lint_copy", {"text": "hello"}, "format"),
        ("lint_copy", {"text": "hello", "format": "docx"}, "'text', 'markdown', 'mjml'"),
        ("lint_copy", {"text": 5, "format": "text"}, "'text' must be a string"),
        ("lint_copy", {"text": "x" * (64 * 1024 + 1), "format": "text"}, "65536"),
        ("check_claims", {"text": "hi", "market": "XX", "channel": "email"}, "unknown market 'XX'"),
        ("search_claims", {"on": "2026-02-30"}, "YYYY-MM-DD"),
        ("get_claim", {"id": "stormline-waterproff-20k"}, "stormline-waterproof-20k"),
        ("list_blocks", {"colour": "red"}, "unknown argument 'colour'"),
        ("render_preview", {"template": "welcome", "recipient": "{not json"}, "recipient"),
        ("render_preview", {"template": "nope", "recipient": recipient}, "no template 'nope'"),
        ("no_such_tool", {}, "no tool"),
    ]
    for name, arguments, expected in bad:
        result = await session.call_tool(name, arguments)
        checks.check(result.is_error and expected in text_of(result), f"{name} {list(arguments)} is a tool error naming {expected[:40]!r}", text_of(result)[:300])

    # The agent loop: lint and check the draft, fix it, check again until clean.
    lint = (await call(session, "lint_copy", {"text": DRAFT, "format": "text", **CONTEXT})).structured_content
    rules = [f["rule"] for f in lint["findings"]]
    checks.check(any(r.startswith("voice.") for r in rules), "the draft's off-voice phrase is found", rules)
    checks.check("claims.unapproved" in rules, "the draft's unapproved claim is found", rules)
    checks.check("claims.disclaimer" in rules, "the draft's missing disclaimer is found", rules)
    sentences = (await call(session, "check_claims", {"text": DRAFT, "on": DAY, **CONTEXT})).structured_content["sentences"]
    statuses = {(s["claim_id"], s["status"]) for s in sentences}
    checks.check(("stormline-waterproof-20k", "approved") in statuses and (None, "unapproved") in statuses, "check_claims tells the approved claim from the unapproved one", statuses)
    needs = [d["id"] for s in sentences for d in s["required_disclaimers"]]
    checks.check(needs == ["hydrostatic-test"], "check_claims names the disclaimer the copy needs", needs)
    fixed = (await call(session, "lint_copy", {"text": FIXED, "format": "text", **CONTEXT})).structured_content
    checks.check(fixed["findings"] == [] and fixed["summary"] == {"errors": 0, "warnings": 0, "suggestions": 0}, "the fixed draft is clean", fixed)
    fixed_claims = (await call(session, "check_claims", {"text": FIXED, "on": DAY, **CONTEXT})).structured_content["sentences"]
    checks.check([s["status"] for s in fixed_claims] == ["approved"], "the fixed draft makes only the approved claim", fixed_claims)

    if edit_project:
        await reload_check(session, checks, pathlib.Path(edit_project))


async def reload_check(session, checks, project):
    """Adds a regulated word to brand/brand.yaml and waits for lint_copy to flag it."""
    draft = {"text": "A cozy fleece for cold mornings.\n", "format": "text"}
    before = (await call(session, "lint_copy", draft)).structured_content
    checks.check(before["summary"]["errors"] == 0, "before the edit 'cozy' is no claim", before)
    brand = project / "brand" / "brand.yaml"
    text = brand.read_text()
    brand.write_text(text.replace("  regulated_words:\n", "  regulated_words:\n    - cozy\n", 1))
    for _ in range(100):
        await asyncio.sleep(0.1)
        after = (await call(session, "lint_copy", draft)).structured_content
        if any(f["rule"] == "claims.unapproved" for f in after["findings"]):
            checks.check(True, "a brand edit is served without a restart")
            return
    checks.check(False, "a brand edit is served without a restart", "still not flagged after 10 s")


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stdio")
    parser.add_argument("--project", default=".")
    parser.add_argument("--edit-project", action="store_true")
    parser.add_argument("--http")
    parser.add_argument("--token")
    args = parser.parse_args()
    checks = Checks()
    if args.stdio:
        params = StdioServerParameters(command=args.stdio, args=["mcp", "--project", args.project, "--watch-interval", "0.1"])
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                await exercise(session, checks, args.project if args.edit_project else None)
    else:
        headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}
        if _HTTP_NEW:
            from mcp.shared._httpx_utils import create_mcp_http_client
            async with create_mcp_http_client(headers=headers) as http:
                async with _http_client(args.http, http_client=http) as (read, write):
                    async with ClientSession(read, write) as session:
                        await session.initialize()
                        await exercise(session, checks, None)
        else:  # pragma: no cover
            async with _http_client(args.http, headers=headers) as (read, write, _):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    await exercise(session, checks, None)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
