/*
 * SMP estimator embed. Paste on the clinic's own page:
 *   <script src="https://APP/embed.js" data-locale="es" async></script>
 * It inserts the clinic's assessment (an iframe of APP/embed/assessment) where the tag stands, or
 * inside the element named by data-target="#css-selector", and:
 * - sizes the frame to its content (messages from the frame, accepted only from APP's origin and
 *   from this frame's window);
 * - passes this page's utm_* tags, address and referrer, so the inquiry records the campaign;
 * - dispatches "smp:completed" and "smp:consultation-requested" on window, detail
 *   { status, reference? } (nothing personal), for the page's own analytics.
 * The message shapes are lib/embed/protocol.ts; tests/unit/embed/ checks this file against them.
 * No dependencies, no globals, nothing stored on the host page.
 */
(function () {
  "use strict";
  var MARK = "smp-estimator";
  var MAX_HEIGHT = 20000;
  var STATUSES = ["clearance_required", "consult_required", "eligible_with_conditions", "eligible"];
  var TITLES = { en: "Scalp micropigmentation assessment", es: "Evaluación de micropigmentación capilar" };

  var script = document.currentScript;
  if (!script || !/\/embed\.js(\?|#|$)/.test(script.src || "")) {
    // Not run as a classic <script src> (e.g. injected by a tag manager): the first unclaimed tag.
    script = document.querySelector('script[src*="/embed.js"]:not([data-smp-embed])');
  }
  if (!script || script.hasAttribute("data-smp-embed")) return;
  script.setAttribute("data-smp-embed", "");

  var app = new URL(script.src, location.href).origin;
  var locale = script.getAttribute("data-locale");
  var here = new URLSearchParams(location.search);
  var query = new URLSearchParams();
  query.set("parent", location.origin);
  if (locale === "en" || locale === "es") query.set("locale", locale);
  ["utm_source", "utm_medium", "utm_campaign"].forEach(function (key) {
    var value = here.get(key);
    if (value) query.set(key, value.slice(0, 200));
  });
  // The page without its #fragment; the frame keeps only http(s) addresses.
  query.set("page", (location.origin + location.pathname + location.search).slice(0, 2000));
  if (document.referrer) query.set("ref", document.referrer.slice(0, 2000));

  var frame = document.createElement("iframe");
  frame.src = app + "/embed/assessment?" + query.toString();
  frame.title = script.getAttribute("data-title") || TITLES[locale === "es" ? "es" : "en"];
  // The frame may not navigate this page, open downloads or use device features.
  frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox");
  frame.setAttribute("data-smp-embed-frame", "");
  frame.style.cssText = "display:block;width:100%;max-width:100%;height:640px;border:0;overflow:hidden;color-scheme:normal";

  function place() {
    var selector = script.getAttribute("data-target");
    var target = selector ? document.querySelector(selector) : null;
    if (selector && !target && window.console) console.warn("SMP embed: no element matches data-target " + selector);
    if (target) target.appendChild(frame);
    else if (script.parentNode && script.parentNode !== document.head) script.parentNode.insertBefore(frame, script.nextSibling);
    else document.body.appendChild(frame);
  }
  // An async tag can run before the rest of the page (and its data-target) is parsed.
  if (document.readyState === "loading" && (script.getAttribute("data-target") || !document.body)) {
    document.addEventListener("DOMContentLoaded", place);
  } else {
    place();
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== app || event.source !== frame.contentWindow) return;
    var m = event.data;
    if (!m || typeof m !== "object" || m.mark !== MARK) return;
    if (m.type === "resize") {
      if (typeof m.height === "number" && m.height > 0 && m.height <= MAX_HEIGHT) frame.style.height = Math.ceil(m.height) + "px";
    } else if (m.type === "step") {
      // A new question starts at the frame's top: show it when the page is scrolled past it.
      var top = frame.getBoundingClientRect().top;
      if (top < 0) {
        var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        window.scrollBy({ top: top, behavior: reduce ? "auto" : "smooth" });
      }
    } else if (m.type === "event" && (m.name === "completed" || m.name === "consultation-requested")) {
      var d = m.detail;
      if (!d || STATUSES.indexOf(d.status) < 0) return;
      // Rebuilt from known fields only: the page gets the verdict and the reference, nothing else.
      var detail = { status: d.status };
      if (typeof d.reference === "string" && d.reference.length > 0 && d.reference.length <= 64) detail.reference = d.reference;
      window.dispatchEvent(new CustomEvent("smp:" + m.name, { detail: detail }));
    }
  });
})();
