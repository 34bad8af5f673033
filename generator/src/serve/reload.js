// leernet serve: the live-reload client, injected into served pages only (never into
// `leernet build` output). It long-polls /__leernet/poll with the generation the page was
// served from. When the server has built a newer one it fetches this page again and, when
// the page loads the same style sheets and runs no script of its own, swaps the new <body>
// (and <title> and meta tags) in place: faster than a reload, and the scroll position stays.
// Anything else (the error overlay, a page with scripts, other style sheets, a failed fetch)
// gets a full reload. A file, not an inline script, so the pages' Content-Security-Policy
// (script-src 'self') allows it. Each update ends with a `leernet:updated` event.
'use strict';
(function () {
  var script = document.currentScript;
  var since = (script && new URL(script.src).searchParams.get('g')) || '0';
  var delay = 250;

  // Elements whose change needs a full reload: they load or run something.
  var RESOURCES = 'link[rel~="stylesheet"], link[rel~="preload"], link[rel~="modulepreload"], script, style, base, meta[http-equiv], meta[charset]';

  function isOwn(el) {
    return el.tagName === 'SCRIPT' && /\/__leernet\/reload\.js/.test(el.getAttribute('src') || '');
  }

  function isInert(el) {
    return el.tagName === 'SCRIPT' && el.getAttribute('type') === 'application/ld+json';
  }

  function resources(doc) {
    return Array.prototype.filter
      .call(doc.head.querySelectorAll(RESOURCES), function (el) {
        return !isInert(el);
      })
      .map(function (el) {
        return el.outerHTML;
      });
  }

  function runsScripts(doc) {
    return Array.prototype.some.call(doc.querySelectorAll('body script'), function (el) {
      return !isOwn(el) && !isInert(el);
    });
  }

  function swappable(next) {
    if (document.getElementById('leernet-overlay') || next.getElementById('leernet-overlay')) return false;
    if (runsScripts(document) || runsScripts(next)) return false;
    var a = resources(document);
    var b = resources(next);
    return a.length === b.length && a.every(function (x, i) {
      return x === b[i];
    });
  }

  function swap(next) {
    var title = next.title;
    var list = function (nodes) {
      return Array.prototype.slice.call(nodes);
    };
    list(document.head.children).forEach(function (el) {
      if (!el.matches(RESOURCES) || isInert(el)) el.remove();
    });
    list(next.head.children).forEach(function (el) {
      if (!el.matches(RESOURCES) || isInert(el)) document.head.appendChild(document.adoptNode(el));
    });
    document.title = title;
    list(next.body.querySelectorAll('script')).forEach(function (el) {
      if (isOwn(el)) el.remove();
    });
    var body = document.adoptNode(next.body);
    if (script) body.appendChild(script);
    document.documentElement.replaceChild(body, document.body);
    document.documentElement.lang = next.documentElement.lang;
  }

  function done() {
    window.dispatchEvent(new CustomEvent('leernet:updated', { detail: { generation: since } }));
  }

  function update() {
    fetch(location.href, { cache: 'no-store' })
      .then(function (r) {
        var g = r.headers.get('x-leernet-generation');
        if (!r.ok || !g) throw new Error('status ' + r.status);
        return r.text().then(function (html) {
          var next = new DOMParser().parseFromString(html, 'text/html');
          if (!swappable(next)) throw new Error('not swappable');
          swap(next);
          since = g;
          done();
          poll();
        });
      })
      .catch(function () {
        location.reload();
      });
  }

  function poll() {
    fetch('/__leernet/poll?since=' + encodeURIComponent(since), { cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) throw new Error('poll: ' + r.status);
        return r.text();
      })
      .then(function (g) {
        delay = 250;
        if (g.trim() !== since) {
          update();
        } else {
          poll();
        }
      })
      .catch(function () {
        // The server restarts or is gone: try again, slower each time.
        setTimeout(poll, delay);
        delay = Math.min(delay * 2, 5000);
      });
  }

  poll();
})();
