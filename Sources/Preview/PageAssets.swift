/// The contact sheet's inline style sheet and script (no network: nothing is fetched).
enum PageAssets {
    static let css = """
        :root { --ink: #1f2a24; --muted: #5d6b63; --line: #d9dfdb; --bg: #f4f6f5; --card: #fff; --ok: #2e7d4f; --warn: #a86b00; --bad: #b3261e; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
        header.top { padding: 20px 28px 8px; background: var(--card); border-bottom: 1px solid var(--line); }
        h1 { margin: 0 0 6px; font-size: 22px; } h1 small { font-weight: normal; color: var(--muted); font-size: 15px; }
        .summary, .legend { margin: 4px 0; color: var(--muted); } .legend { font-size: 12px; }
        .filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; margin: 10px 0 6px; }
        .filters select { font: inherit; padding: 3px 6px; }
        #shown, #frames-status { color: var(--muted); font-size: 12px; }
        .notes { margin: 6px 0; padding-left: 20px; color: var(--warn); }
        main { padding: 8px 28px 40px; }
        section.segment, section.gone { margin-top: 22px; }
        h2 { font-size: 17px; margin: 0 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
        h2 span { font-weight: normal; font-size: 13px; color: var(--muted); margin-left: 8px; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
        .card > header { display: flex; gap: 8px; align-items: baseline; margin-bottom: 8px; }
        .card a.name { font-weight: 600; font-family: ui-monospace, Menlo, monospace; color: var(--ink); }
        .card small.id { color: var(--muted); font-family: ui-monospace, Menlo, monospace; }
        .count { margin-left: auto; font-weight: 600; } .count.zero { color: var(--muted); font-weight: normal; }
        .badge { font-size: 11px; border-radius: 10px; padding: 1px 8px; background: #e8ece9; }
        .badge.new { background: #dff3e6; color: var(--ok); } .badge.changed { background: #fff1d6; color: var(--warn); }
        .badge.gone, .badge.bad { background: #fbe3e1; color: var(--bad); }
        .frames { display: flex; gap: 10px; align-items: flex-start; }
        figure { margin: 0; } figcaption { font-size: 11px; color: var(--muted); text-align: center; }
        .viewport { overflow: hidden; border: 1px solid var(--line); background: #fff; height: 450px; }
        .desktop .viewport { width: 300px; } .mobile .viewport { width: 188px; }
        .viewport iframe { border: 0; transform: scale(0.5); transform-origin: 0 0; background: #fff; }
        details.more { margin-top: 12px; } details.more > summary { cursor: pointer; color: var(--muted); margin-bottom: 10px; }
        .thumb img { width: 100%; border: 1px solid var(--line); display: block; }
        dl { display: grid; grid-template-columns: 78px 1fr; gap: 2px 10px; margin: 10px 0 0; font-size: 12px; }
        dt { color: var(--muted); } dd { margin: 0; }
        code { font-family: ui-monospace, Menlo, monospace; font-size: 11.5px; background: #eef1ef; border-radius: 3px; padding: 0 3px; }
        .slot { color: var(--muted); } .none { color: var(--muted); }
        .ok { color: var(--ok); } .warn { color: var(--warn); } .bad { color: var(--bad); }
        [hidden] { display: none !important; }

        """

    static let script = """
        (function () {
          var store = document.getElementById('previews');
          var data = store ? JSON.parse(store.textContent) : {};
          var slots = Array.prototype.slice.call(document.querySelectorAll('.viewport[data-perm]'));
          var rendered = 0, loaded = 0;
          function status() {
            document.body.setAttribute('data-frames', rendered + '/' + slots.length);
            var s = document.getElementById('frames-status');
            if (s && slots.length) s.textContent = loaded + ' of ' + slots.length + ' frames loaded, ' + rendered + ' with content';
          }
          function load(v) {
            if (v.firstChild) return;
            var f = document.createElement('iframe');
            var id = v.getAttribute('data-perm');
            f.width = v.getAttribute('data-width');
            f.height = '900';
            f.title = id + ' at ' + f.width + ' px';
            f.setAttribute('sandbox', 'allow-same-origin allow-popups');
            f.addEventListener('load', function () {
              loaded++;
              var d = f.contentDocument;
              var ok = !!(d && d.body && d.body.innerText.replace(/\\s+/g, '').length > 0);
              v.setAttribute('data-rendered', ok ? 'yes' : 'no');
              if (ok) rendered++;
              status();
            });
            f.srcdoc = data[id] || '';
            v.appendChild(f);
          }
          if (location.hash === '#eager' || !('IntersectionObserver' in window)) {
            slots.forEach(load);
          } else {
            var io = new IntersectionObserver(function (entries) {
              entries.forEach(function (e) { if (e.isIntersecting) { io.unobserve(e.target); load(e.target); } });
            }, { rootMargin: '600px' });
            slots.forEach(function (v) { io.observe(v); });
          }
          status();
          function value(id) { var e = document.getElementById(id); return e ? e.value : ''; }
          function apply() {
            var seg = value('f-segment'), block = value('f-block'), change = value('f-change');
            var shown = 0;
            document.querySelectorAll('section.segment').forEach(function (sec) {
              var segOk = !seg || sec.getAttribute('data-segment') === seg;
              var any = false;
              sec.querySelectorAll('.card').forEach(function (c) {
                var ok = segOk && (!block || c.getAttribute('data-blocks').indexOf(' ' + block + ' ') >= 0) &&
                         (!change || c.getAttribute('data-change') === change);
                c.hidden = !ok;
                if (ok) { any = true; shown++; }
              });
              sec.hidden = !segOk || (!any && (block || change));
            });
            var s = document.getElementById('shown');
            if (s) s.textContent = shown + ' cards match';
          }
          ['f-segment', 'f-block', 'f-change'].forEach(function (id) {
            var e = document.getElementById(id); if (e) e.addEventListener('change', apply);
          });
          apply();
        })();

        """
}
