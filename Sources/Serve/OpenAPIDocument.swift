/// `openapi.yaml` at the repository root, served at `GET /openapi.yaml`. Kept here as text so
/// the binary needs no resource files; `ServeTests` checks the two are the same (after editing
/// openapi.yaml, paste it between the delimiters).
enum OpenAPIDocument {
    static let yaml = ##"""
openapi: 3.1.0
info:
  title: Tessera serve
  version: 0.1.0
  description: |
    `tessera serve` holds a compiled Tessera project (brand/, templates/, blocks/) and answers
    over HTTP. Every response carries `Tessera-Context` (the project's content hash) and
    `X-Request-Id`. Errors are `{"error": {"code", "message", "location"?}}`. With `--tokens`,
    endpoints need `Authorization: Bearer TOKEN` with the scope named in their description.
    Details: docs/serve.md.
servers:
  - url: http://127.0.0.1:8080
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  headers:
    TesseraContext:
      description: Content hash of the project that answered.
      schema: {type: string}
    RequestID:
      description: The request's id (the client's X-Request-Id when it is a plain token).
      schema: {type: string}
  parameters:
    template:
      name: template
      in: query
      description: Template for records whose decision names none (as `tessera render --template`).
      schema: {type: string}
    now:
      name: now
      in: query
      description: Pins the clock (ISO 8601 timestamp or date), as `--now`.
      schema: {type: string}
  schemas:
    Error:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [code, message]
          properties:
            code: {type: string}
            message: {type: string}
            location: {type: string}
    Reason:
      type: object
      required: [code, detail]
      properties:
        code: {type: string}
        detail: {type: string}
    Record:
      type: object
      description: The NDJSON record `tessera render` writes for the recipient.
      required: [id, status, template, personalized, subject, preheader, html, text, blocks, claims, signals, reasons]
      properties:
        id: {type: [string, "null"]}
        status: {type: string, enum: [rendered, suppressed, held, rejected]}
        template: {type: [string, "null"]}
        personalized: {type: boolean}
        subject: {type: string}
        preheader: {type: string}
        html: {type: string}
        text: {type: string}
        blocks: {type: array, items: {type: string}}
        claims: {type: array, items: {type: string}}
        signals: {type: array, items: {type: string}}
        reasons: {type: array, items: {$ref: "#/components/schemas/Reason"}}
    Slots:
      type: object
      required: [id, status, template, personalized, slots, blocks, claims, signals, reasons]
      properties:
        id: {type: [string, "null"]}
        status: {type: string}
        template: {type: [string, "null"]}
        personalized: {type: boolean}
        slots:
          type: object
          additionalProperties: {type: string}
        blocks: {type: array, items: {type: string}}
        claims: {type: array, items: {type: string}}
        signals: {type: array, items: {type: string}}
        reasons: {type: array, items: {$ref: "#/components/schemas/Reason"}}
    Recipient:
      type: object
      description: One recipient (an NDJSON input line); only `id` is required.
      required: [id]
      properties:
        id: {type: [string, number]}
      additionalProperties: true
    Claim:
      type: object
      required: [id, text, locale, disclaimers, products, markets, channels, valid_from, valid_until, substantiation]
      properties:
        id: {type: string}
        text: {type: string}
        locale: {type: string}
        disclaimers:
          type: array
          items:
            type: object
            required: [id, text]
            properties:
              id: {type: string}
              text: {type: string}
        products: {type: array, items: {type: string}}
        markets: {type: array, items: {type: string}}
        channels: {type: array, items: {type: string}}
        valid_from: {type: string}
        valid_until: {type: [string, "null"]}
        substantiation: {type: string}
  responses:
    Error:
      description: An error the request caused, or a limit it met.
      headers:
        Tessera-Context: {$ref: "#/components/headers/TesseraContext"}
        X-Request-Id: {$ref: "#/components/headers/RequestID"}
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
security:
  - bearer: []
  - {}
paths:
  /healthz:
    get:
      summary: The process is up.
      security: [{}]
      responses:
        "200":
          description: Alive.
          content:
            application/json:
              schema:
                type: object
                required: [status]
                properties:
                  status: {type: string, const: ok}
  /readyz:
    get:
      summary: Ready once a project is loaded; the context hash, load time and current compile errors.
      security: [{}]
      responses:
        "200":
          description: A project is loaded (errors lists a later change that did not compile).
          content:
            application/json:
              schema: &ready
                type: object
                required: [ready, errors, reloads, failed_reloads]
                properties:
                  ready: {type: boolean}
                  context_hash: {type: string}
                  loaded_at: {type: string}
                  load_seconds: {type: number}
                  errors: {type: array, items: {type: string}}
                  reloads: {type: integer}
                  failed_reloads: {type: integer}
        "503":
          description: No project loaded yet.
          content:
            application/json:
              schema: *ready
  /metrics:
    get:
      summary: Prometheus metrics (scope read).
      responses:
        "200":
          description: Prometheus text format 0.0.4.
          content:
            text/plain:
              schema: {type: string}
        "401": {$ref: "#/components/responses/Error"}
        "403": {$ref: "#/components/responses/Error"}
  /openapi.yaml:
    get:
      summary: This document.
      security: [{}]
      responses:
        "200":
          description: OpenAPI 3.1.
          content:
            application/yaml: {}
  /v1/render:
    post:
      summary: Render one recipient (scope render).
      description: |
        The answer is the record `tessera render` writes for the recipient, byte for byte with
        `now` pinned. `Accept: text/html` returns the HTML alone (status in `Tessera-Status`).
        `slots=hero,promo` returns each slot's HTML fragment.
      parameters:
        - $ref: "#/components/parameters/template"
        - $ref: "#/components/parameters/now"
        - name: slots
          in: query
          description: Comma-separated slot names whose HTML is wanted as fragments.
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Recipient"}
      responses:
        "200":
          description: The record (suppressed and held recipients are answers too; their reasons say why).
          headers:
            Tessera-Status:
              description: rendered, suppressed or held.
              schema: {type: string}
            Tessera-Context: {$ref: "#/components/headers/TesseraContext"}
          content:
            application/json:
              schema:
                oneOf:
                  - $ref: "#/components/schemas/Record"
                  - $ref: "#/components/schemas/Slots"
            text/html:
              schema: {type: string}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Error"}
        "403": {$ref: "#/components/responses/Error"}
        "404": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "422": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Error"}
  /v1/render/batch:
    post:
      summary: Render NDJSON recipients (scope render); NDJSON records out, streamed, the CLI's bytes.
      parameters:
        - $ref: "#/components/parameters/template"
        - $ref: "#/components/parameters/now"
      requestBody:
        required: true
        content:
          application/x-ndjson:
            schema: {type: string}
      responses:
        "200":
          description: One record a line, in input order (bad lines are rejected records).
          content:
            application/x-ndjson:
              schema: {type: string}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Error"}
        "403": {$ref: "#/components/responses/Error"}
        "404": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Error"}
  /v1/explain:
    post:
      summary: Explain one recipient's selection (scope render), as `tessera explain`.
      parameters:
        - $ref: "#/components/parameters/template"
        - $ref: "#/components/parameters/now"
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Recipient"}
      responses:
        "200":
          description: "The explanation (Accept text/plain for the text alone)."
          content:
            application/json:
              schema:
                type: object
                required: [id, explanation]
                properties:
                  id: {type: string}
                  explanation: {type: string}
            text/plain:
              schema: {type: string}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Error"}
        "403": {$ref: "#/components/responses/Error"}
        "404": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Error"}
  /v1/claims:
    get:
      summary: Claims usable in a context on a day (scope read), as `tessera claims --format json`.
      parameters:
        - {name: search, in: query, schema: {type: string}}
        - {name: market, in: query, schema: {type: string}}
        - {name: channel, in: query, schema: {type: string}}
        - {name: locale, in: query, schema: {type: string}}
        - {name: product, in: query, schema: {type: string}}
        - {name: "on", in: query, description: "YYYY-MM-DD (default today)", schema: {type: string}}
      responses:
        "200":
          description: The claims, sorted by id.
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Claim"}}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Error"}
        "403": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Error"}
  /v1/claims/{id}:
    get:
      summary: One claim by id (scope read).
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: The claim.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Claim"}
        "401": {$ref: "#/components/responses/Error"}
        "403": {$ref: "#/components/responses/Error"}
        "404": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Error"}
  /v1/brand:
    get:
      summary: The brand summary (scope read).
      responses:
        "200":
          description: Identity, markets, locales, palette, typography and counts.
          content:
            application/json:
              schema:
                type: object
                required: [name, default_locale, markets, counts, context_hash]
        "401": {$ref: "#/components/responses/Error"}
        "403": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Error"}
  /v1/templates:
    get:
      summary: Templates with their slots (scope read).
      responses:
        "200":
          description: Sorted by id.
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  required: [id, channel, actions, slots]
        "401": {$ref: "#/components/responses/Error"}
        "403": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Error"}
  /v1/blocks:
    get:
      summary: Blocks with slot, tags, condition, priority, claims and locales (scope read).
      responses:
        "200":
          description: Sorted by id.
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  required: [id, slot, tags, priority]
        "401": {$ref: "#/components/responses/Error"}
        "403": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Error"}
  /v1/lint:
    post:
      summary: Lint a proposed file against the project without writing it (scope lint).
      parameters:
        - {name: now, in: query, description: "YYYY-MM-DD claims are judged on", schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [path, source]
              properties:
                path: {type: string, description: "templates/NAME.mjml or blocks/NAME.mjml"}
                source: {type: string}
      responses:
        "200":
          description: The JSON of `tessera lint --format json` (SARIF 2.1.0 on Accept application/sarif+json).
          content:
            application/json:
              schema: {type: object}
            application/sarif+json:
              schema: {type: object}
        "400": {$ref: "#/components/responses/Error"}
        "401": {$ref: "#/components/responses/Error"}
        "403": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "422": {$ref: "#/components/responses/Error"}
        "429": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Error"}
"""##
}
