#!/usr/bin/env python3
"""Writes Tests/PolicyTests/Fixtures/violations/: one file per seeded violation.

Each fixture breaks ONE rule. Its expected finding is declared in the front matter
(`# expect: RULE LINE:COL`): the place of the offending token (ANCHOR, the n-th occurrence),
computed here from the text, or the first body line for rules about the file as a whole.
Re-run after editing a case; the Swift test only reads the files.
"""
import os, sys

# Fixture blocks are tagged `fixture`, which no template accepts, so they never change the
# permutations (and so the findings) of the template fixtures or the shipped templates.

ROOT = os.path.join(os.path.dirname(__file__), '..', 'Tests', 'PolicyTests', 'Fixtures', 'violations')
U = 'utm_source=larchwood&amp;utm_medium=email&amp;utm_campaign=fixture'
OK_BUTTON = f'<mj-button href="https://www.larchwood.com/trails?{U}">Explore the trails</mj-button>'

def block(front, body):
    return front, f"""<mj-section background-color="#FFFFFF" padding="16px 0">
  <mj-column>
{body}
  </mj-column>
</mj-section>
"""

def text(t):
    return f'    <mj-text>{t}</mj-text>\n    {OK_BUTTON}'

HEAD = '<mj-include path="./partials/brand-head.mjml" />'
HEADER = '<mj-include path="./partials/email-header.mjml" />'
FOOTER = '<mj-include path="./partials/email-footer.mjml" />'

def template(front, head=HEAD, header=HEADER, footer=FOOTER, extra='', slot='<mj-slot name="main" />'):
    return front, f"""<mjml lang="{{{{ recipient.locale | default: 'en-US' }}}}">
  {head}
  <mj-head>
    <mj-title>{{{{ subject }}}}</mj-title>{extra}
  </mj-head>
  <mj-body background-color="#F4F1EA" width="600px">
    {header}
    {slot}
    {footer}
  </mj-body>
</mjml>
"""

TPL_FRONT = """channel: email
actions: [fixture]
subject: Trail notes from Larchwood
preheader: Gear that lasts.
slots:
  main: {accepts: [service], min: 1, max: 1, fallback: service-repairs}"""

# (name, kind, front matter lines after id, body, rule, anchor or None, occurrence)
CASES = [
    # links
    ('links-https-button', *block('slot: main\ntags: [fixture]', f'    <mj-text>Trail notes for the season.</mj-text>\n    <mj-button href="http://www.larchwood.com/trails?{U}">Explore the trails</mj-button>'), 'links.https', 'http://www', 1),
    ('links-https-anchor', *block('slot: main\ntags: [fixture]', text(f'Read the <a href="http://www.larchwood.com/guides?{U}">trail guides</a> before you go.')), 'links.https', 'http://www', 1),
    ('links-domain-button', *block('slot: main\ntags: [fixture]', f'    <mj-text>Trail notes for the season.</mj-text>\n    <mj-button href="https://www.larchwood-deals.com/trails?{U}">Explore the trails</mj-button>'), 'links.domain', 'https://www.larchwood-deals', 1),
    ('links-domain-image', *block('slot: main\ntags: [fixture]', f'    <mj-image src="https://cdn.larchwood.com/img/trail.jpg" alt="A trail in the fog" href="https://trails.example.org/map?{U}" />\n{text("Trail notes for the season.")}'), 'links.domain', 'https://trails.example', 1),
    ('links-domain-text', *block('slot: main\ntags: [fixture]', text(f'See the <a href="https://bit.ly/larchwood?{U}">trail map</a> for routes.')), 'links.domain', 'https://bit.ly', 1),
    ('links-utm-missing-all', *block('slot: main\ntags: [fixture]', '    <mj-text>Trail notes for the season.</mj-text>\n    <mj-button href="https://www.larchwood.com/trails">Explore the trails</mj-button>'), 'links.utm', 'https://www.larchwood.com/trails"', 1),
    ('links-utm-missing-campaign', *block('slot: main\ntags: [fixture]', '    <mj-text>Trail notes for the season.</mj-text>\n    <mj-button href="https://www.larchwood.com/trails?utm_source=larchwood&amp;utm_medium=email">Explore the trails</mj-button>'), 'links.utm', 'https://www.larchwood.com/trails?', 1),
    # images
    ('images-alt-missing', *block('slot: main\ntags: [fixture]', f'    <mj-image src="https://cdn.larchwood.com/img/trail.jpg" width="200px" />\n{text("Trail notes for the season.")}'), 'images.alt', '<mj-image', 1),
    ('images-alt-img', *block('slot: main\ntags: [fixture]', text('Trail notes <img src="https://cdn.larchwood.com/img/dot.png" width="8" height="8"> for the season.')), 'images.alt', '<img', 1),
    ('images-https-src', *block('slot: main\ntags: [fixture]', f'    <mj-image src="http://cdn.larchwood.com/img/trail.jpg" alt="A trail in the fog" />\n{text("Trail notes for the season.")}'), 'images.https', 'http://cdn', 1),
    # brand look
    ('palette-text-color', *block('slot: main\ntags: [fixture]', f'    <mj-text color="#FF0000">Trail notes for the season.</mj-text>\n    {OK_BUTTON}'), 'brand.palette', '#FF0000', 1),
    ('palette-short-hex', *block('slot: main\ntags: [fixture]', f'    <mj-divider border-color="#123" />\n{text("Trail notes for the season.")}'), 'brand.palette', '#123', 1),
    ('palette-inline-style', *block('slot: main\ntags: [fixture]', text('Trail notes <span style="color:#00ff00;">for the season</span>.')), 'brand.palette', '#00ff00', 1),
    ('palette-button-background', *block('slot: main\ntags: [fixture]', f'    <mj-text>Trail notes for the season.</mj-text>\n    <mj-button background-color="#0000EE" href="https://www.larchwood.com/trails?{U}">Explore the trails</mj-button>'), 'brand.palette', '#0000EE', 1),
    ('typography-attribute', *block('slot: main\ntags: [fixture]', f'    <mj-text font-family="Comic Sans MS, sans-serif">Trail notes for the season.</mj-text>\n    {OK_BUTTON}'), 'brand.typography', 'Comic Sans', 1),
    ('typography-inline-style', *block('slot: main\ntags: [fixture]', text('Trail notes <span style="font-family: Papyrus;">for the season</span>.')), 'brand.typography', 'Papyrus', 1),
    # CTAs
    ('cta-text-banned', *block('slot: main\ntags: [fixture]', f'    <mj-text>Trail notes for the season.</mj-text>\n    <mj-button href="https://www.larchwood.com/trails?{U}">Click here</mj-button>'), 'cta.text', 'Click here', 1),
    ('cta-text-read-more', *block('slot: main\ntags: [fixture]', f'    <mj-text>Trail notes for the season.</mj-text>\n    <mj-button href="https://www.larchwood.com/trails?{U}">Read more</mj-button>'), 'cta.text', 'Read more', 1),
    ('cta-text-too-long', *block('slot: main\ntags: [fixture]', f'    <mj-text>Trail notes for the season.</mj-text>\n    <mj-button href="https://www.larchwood.com/trails?{U}">Explore all the trail guides we wrote</mj-button>'), 'cta.text', 'Explore all', 1),
    ('cta-count-block', *block('slot: main\ntags: [fixture]', f'    <mj-text>Trail notes for the season.</mj-text>\n    {OK_BUTTON}\n    {OK_BUTTON}\n    {OK_BUTTON}\n    {OK_BUTTON}'), 'cta.count', '<mj-button', 4),
    # claims
    ('claims-unapproved-word', *block('slot: main\ntags: [fixture]', text('Our new shell is waterproof on every trail.')), 'claims.unapproved', 'waterproof', 1),
    ('claims-unapproved-percent', *block('slot: main\ntags: [fixture]', text('Save 30% on tents this season.')), 'claims.unapproved', '30%', 1),
    ('claims-unapproved-price', *block('slot: main\ntags: [fixture]', text('Tents from $99 this season.')), 'claims.unapproved', '$99', 1),
    ('claims-unapproved-rank', *block('slot: main\ntags: [fixture]', text('The #1 pack for long weekends.')), 'claims.unapproved', '#1', 1),
    ('claims-unapproved-phrase', *block('slot: main\ntags: [fixture]', text('Every order ships with free returns.')), 'claims.unapproved', 'free returns', 1),
    ('claims-unknown-tag', *block('slot: main\ntags: [fixture]', text('{% claim "stormline-waterproof-2k" %}')), 'claims.unknown', 'stormline-waterproof-2k', 1),
    ('claims-unknown-front', *block('slot: main\ntags: [fixture]\nclaims: [trail-guides-forever]', text('Trail notes for the season.')), 'claims.unknown', 'trail-guides-forever', 1),
    ('claims-expired', *block('slot: main\ntags: [fixture]', text('{% claim "fall-outerwear-sale-2025" %}')), 'claims.expired', 'fall-outerwear-sale-2025', 1),
    ('claims-expired-front', *block('slot: main\ntags: [fixture]\nclaims:\n  - talus-break-in', text('Trail notes for the season.')), 'claims.expired', 'talus-break-in', 1),
    ('claims-not-yet-valid', *block('slot: main\ntags: [fixture]', text('{% claim "stormline-pfas-free-2027" %}')), 'claims.not-yet-valid', 'stormline-pfas-free-2027', 1),
    ('claims-market', *block('slot: main\ntags: [fixture]\nlocales: [fr-CA]', text('{% claim "free-shipping-us-75" %}')), 'claims.market', 'free-shipping-us-75', 1),
    ('claims-locale', *block('slot: main\ntags: [fixture]\nlocales: [en-US, fr-CA]', text('{% claim "free-shipping-us-75" %}')), 'claims.locale', 'free-shipping-us-75', 1),
    ('claims-channel', *block('slot: hero\ntags: [page_hero]', f'    <mj-text>{{% claim "rewards-double-points-summit" %}}</mj-text>\n    {OK_BUTTON}'), 'claims.channel', 'rewards-double-points-summit', 1),
    # creepiness
    ('creepy-sensitive-body', *block('slot: main\ntags: [fixture]', text('{% if recipient.profile.income_band == "high" %}Trail notes for the season.{% endif %}')), 'creepy.sensitive-signal', 'recipient.profile.income_band', 1),
    ('creepy-sensitive-when', *block("slot: main\ntags: [fixture]\nwhen: 'recipient.profile.injury_flag == true'", text('Trail notes for the season.')), 'creepy.sensitive-signal', 'recipient.profile.injury_flag', 1),
    ('creepy-browse-quote-loop', *block('slot: main\ntags: [fixture]', text('Still thinking about {% for e in recipient.events limit: 1 %}{{ e.sku }}{% endfor %}?')), 'creepy.browse-quote', '{{ e.sku', 1),
    ('creepy-browse-quote-segment', *block('slot: main\ntags: [fixture]', text('Welcome back, {{ recipient.segments | first }} member.')), 'creepy.browse-quote', '{{ recipient.segments', 1),
    ('creepy-browse-quote-postal', *block('slot: main\ntags: [fixture]', text('Trails near {{ recipient.profile.postal_code }} this season.')), 'creepy.browse-quote', '{{ recipient.profile.postal_code', 1),
    # voice
    ('voice-banned-word', *block('slot: main\ntags: [fixture]', text('No cheap tents on this trip.')), 'voice.Larchwood.BannedWords', 'cheap', 1),
    ('voice-urgency', *block('slot: main\ntags: [fixture]', text('Hurry to the trailhead before the snow.')), 'voice.Larchwood.Urgency', 'Hurry', 1),
    ('voice-greeting', *block('slot: main\ntags: [fixture]', text('Dear customer, the trails are open.')), 'voice.Larchwood.DearCustomer', 'Dear customer', 1),
    # client support (caniemail)
    ('client-support-box-shadow', *block('slot: main\ntags: [fixture]', text('Trail notes <span style="box-shadow: 0 0 2px #1F4D3A;">for the season</span>.')), 'email.client-support', 'box-shadow:', 1),
    ('client-support-video', *block('slot: main\ntags: [fixture]', '    <mj-raw><video src="https://cdn.larchwood.com/v/trail.mp4" width="600"></video></mj-raw>\n' + text('Trail notes for the season.')), 'email.client-support', '<video', 1),
    # templates
    ('template-no-unsubscribe', 'template', TPL_FRONT, template('', footer='<mj-section><mj-column><mj-text mj-class="fine-print">{% disclaimers %}Larchwood Outfitters, Inc. · 1840 Wynkoop Street, Suite 400 · Denver, CO 80202 · United States · Larchwood Outfitters Canada ULC · 455 Granville Street, 8th Floor · Vancouver, BC V6C 1T1 · Canada</mj-text></mj-column></mj-section>')[1], 'legal.unsubscribe', None, 1),
    ('template-no-address', 'template', TPL_FRONT, template('', footer='<mj-section><mj-column><mj-text mj-class="fine-print">{% disclaimers %}<a href="https://www.larchwood.com/email/preferences">Unsubscribe</a></mj-text></mj-column></mj-section>')[1], 'legal.address', None, 1),
    ('template-no-logo', 'template', TPL_FRONT, template('', header='')[1], 'brand.logo', None, 1),
    ('template-no-disclaimers', 'template', TPL_FRONT, template('', footer=open(os.path.join(os.path.dirname(__file__), '..', 'templates', 'partials', 'email-footer.mjml')).read().replace('{% disclaimers %}', ''))[1], 'claims.disclaimer', None, 1),
    ('template-cta-count', 'template', TPL_FRONT.replace('max: 1', 'max: 4'), template('')[1], 'cta.count', None, 1),
    ('template-signal-count', 'template', TPL_FRONT.replace('  main: {accepts: [service], min: 1, max: 1, fallback: service-repairs}', '''  hero: {accepts: [hero], min: 1, max: 1, fallback: hero-welcome}
  main: {accepts: [story, loyalty, service, upsell, cross_sell], min: 1, max: 2, fallback: service-repairs}
  recommendations: {accepts: [recommendation], min: 0, max: 1}'''), template('', slot='<mj-slot name="hero" />\n    <mj-slot name="main" />\n    <mj-slot name="recommendations" />')[1], 'creepy.signal-count', None, 1),
    ('template-style-palette', 'template', TPL_FRONT, template('', extra='\n    <mj-style>.note { color: #C0FFEE; }</mj-style>')[1], 'brand.palette', '#C0FFEE', 1),
    ('template-style-flex', 'template', TPL_FRONT, template('', extra='\n    <mj-style>.row { display: flex; }</mj-style>')[1], 'email.client-support', 'display: flex', 1),
    ('template-too-big', 'template', TPL_FRONT, template('', slot='<mj-slot name="main" />\n    {% for i in (1..400) %}<mj-section><mj-column><mj-text>Trail notes for the season, part {{ i }}.</mj-text></mj-column></mj-section>{% endfor %}')[1], 'email.size', None, 1),
    ('template-style-font', 'template', TPL_FRONT, template('', extra='\n    <mj-attributes><mj-text font-family="Times New Roman, sans-serif" /></mj-attributes>')[1], 'brand.typography', 'Times New Roman', 1),
    ('template-subject-claim', 'template', TPL_FRONT.replace('subject: Trail notes from Larchwood', 'subject: The warmest parka we make'), template('')[1], 'claims.unapproved', 'warmest', 1),
]

def main():
    for sub in ('blocks', 'templates'):
        os.makedirs(os.path.join(ROOT, sub), exist_ok=True)
        for f in os.listdir(os.path.join(ROOT, sub)):
            os.remove(os.path.join(ROOT, sub, f))
    for case in CASES:
        if len(case) == 6:
            case = (case[0], 'block') + case[1:]
        name, kind, front, body, rule, anchor, nth = case
        fid = ('v-' + name)
        head = f'---\n# expect: {rule} LINE:COL\nid: {fid}\n{front}\n---\n'
        text = head + body
        if anchor is None:
            line, col = head.count('\n') + 1, 1
        else:
            at = -1
            for _ in range(nth):
                at = text.index(anchor, at + 1)
            line = text.count('\n', 0, at) + 1
            col = at - (text.rfind('\n', 0, at) + 1) + 1
        text = text.replace('LINE:COL', f'{line}:{col}', 1)
        folder = 'templates' if kind == 'template' else 'blocks'
        with open(os.path.join(ROOT, folder, fid + '.mjml'), 'w') as fh:
            fh.write(text)
    print(f'{len(CASES)} fixtures written')

main()
