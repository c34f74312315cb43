// netns4j lab serve: draws each lab with cytoscape.js and follows the server's event stream.
// window.NETNS4J_STATIC (lab graph --format html) holds a picture instead: drawn once, no stream.
"use strict";
(function () {
  const STATIC = window.NETNS4J_STATIC || null;
  const token = (location.hash.match(/token=([0-9a-fA-F]+)/) || [])[1] || "";
  const labs = new Map();          // lab name -> snapshot (kept current by the events)
  const history = new Map();       // "lab/node:iface" -> [bits per second, ...] (last 60 s)
  const MAX_CUT_EDGES = 80;
  const view = window.netns4jView = { ready: false, firstDrawMs: null, events: 0, labs };
  const $ = (id) => document.getElementById(id);
  let selected = null;

  const cy = view.cy = cytoscape({
    container: $("graph"),
    wheelSensitivity: 0.3,
    maxZoom: 1.4,
    style: [
      { selector: "node", style: { "label": "data(label)", "text-wrap": "wrap", "font-size": 11, "text-valign": "bottom",
          "text-margin-y": 4, "width": 34, "height": 34, "background-color": "#1e88e5", "border-width": 2, "border-color": "#0d47a1" } },
      { selector: "node.router", style: { "shape": "round-rectangle", "background-color": "#43a047", "border-color": "#1b5e20" } },
      { selector: "node.bridge", style: { "shape": "hexagon", "background-color": "#78909c", "border-color": "#37474f" } },
      { selector: "node.absent", style: { "opacity": 0.35, "border-style": "dashed" } },
      { selector: "node.service-trouble", style: { "border-color": "#6a1b9a", "border-width": 4 } },
      { selector: "node.lab", style: { "shape": "round-rectangle", "background-color": "#eef1f6", "border-color": "#c5cad3",
          "border-width": 1, "label": "data(label)", "text-valign": "top", "text-halign": "center", "font-size": 13,
          "font-weight": "bold", "padding": 24, "text-margin-y": -4 } },
      { selector: "edge", style: { "width": "data(width)", "line-color": "#2e7d32", "curve-style": "bezier",
          "source-label": "data(sourceLabel)", "target-label": "data(targetLabel)", "source-text-offset": 38,
          "target-text-offset": 38, "text-wrap": "wrap", "font-size": 9, "color": "#334",
          "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 1 } },
      { selector: "edge.down", style: { "line-color": "#9e9e9e", "line-style": "dotted", "width": 3 } },
      { selector: "edge.impaired", style: { "line-color": "#ef6c00", "line-style": "dashed", "label": "data(impairment)",
          "font-size": 10, "color": "#e65100", "font-weight": "bold", "text-wrap": "wrap", "text-background-opacity": 0.9,
          "text-margin-y": -34, "width": 4 } },
      { selector: "edge.down.impaired", style: { "line-color": "#9e9e9e", "line-style": "dotted" } },
      { selector: "edge.cut", style: { "line-color": "#c62828", "line-style": "dashed", "width": 2.5, "label": "data(label)",
          "font-size": 11, "color": "#c62828", "font-weight": "bold", "curve-style": "unbundled-bezier",
          "control-point-distances": 90, "text-background-opacity": 0.9 } },
      { selector: "edge.oneway", style: { "line-style": "solid", "target-arrow-shape": "tee", "target-arrow-color": "#c62828",
          "arrow-scale": 1.6 } },
      { selector: ":selected", style: { "overlay-color": "#ffca28", "overlay-opacity": 0.35 } },
    ],
  });

  const key = (lab, node, iface) => lab + "/" + node + ":" + iface;
  const nodeId = (lab, node) => "n:" + lab + "/" + node;
  const linkId = (lab, l) => "l:" + lab + "/" + l.a.node + ":" + l.a.iface + "--" + l.b.node + ":" + l.b.iface;
  const ifaceOf = (snap, node, iface) => {
    const n = snap.nodes.find((x) => x.name === node);
    return (n && n.interfaces && n.interfaces[iface]) || null;
  };
  const rateText = (bps) => bps >= 1e9 ? (bps / 1e9).toFixed(1) + " Gbit/s" : bps >= 1e6 ? (bps / 1e6).toFixed(1) + " Mbit/s"
      : bps >= 1e3 ? (bps / 1e3).toFixed(1) + " kbit/s" : Math.round(bps) + " bit/s";

  function endLabel(snap, e) {
    const st = ifaceOf(snap, e.node, e.iface);
    const down = st && st.state !== "up" ? " ✖ " + st.state.toUpperCase() : "";
    return e.iface + down + (e.addresses.length ? "\n" + e.addresses.join("\n") : "");
  }

  function linkData(snap, l) {
    const a = ifaceOf(snap, l.a.node, l.a.iface) || {}, b = ifaceOf(snap, l.b.node, l.b.iface) || {};
    const short = (w) => w.replace(/ engine \w+/, "");
    const imp = [a.impairment ? "⚠ " + l.a.node + ":" + l.a.iface + "\n" + short(a.impairment) : "",
      b.impairment ? "⚠ " + l.b.node + ":" + l.b.iface + "\n" + short(b.impairment) : ""].filter(Boolean).join("\n");
    const bps = Math.max(a.tx_bps || 0, a.rx_bps || 0, b.tx_bps || 0, b.rx_bps || 0);
    return {
      data: { sourceLabel: endLabel(snap, l.a), targetLabel: endLabel(snap, l.b), impairment: imp,
        width: 2.5 + Math.min(6, Math.log10(1 + bps / 1000)) },
      down: (a.state && a.state !== "up") || (b.state && b.state !== "up"),
      impaired: imp !== "",
    };
  }

  function nodeLabel(snap, n) {
    const svcs = (snap.services || []).filter((s) => s.node === n.name);
    return n.name + (svcs.length ? "\n" + svcs.map((s) => s.service + " " + (s.state === "running" ? (s.ready ? "●" : "◌")
        : s.state) + (s.restarts ? " ↻" + s.restarts : "")).join("\n") : "");
  }

  // Pairs of nodes the partition separates: both ways (one dashed edge) or one way (arrow to the dropping node).
  function cutPairs(snap) {
    const set = new Set((snap.partition || []).map((c) => c.from + "\u0000" + c.to));
    const pairs = [];
    for (const c of snap.partition || []) {
      const back = set.has(c.to + "\u0000" + c.from);
      if (back && c.from > c.to) continue;
      pairs.push({ from: c.from, to: c.to, both: back });
    }
    return pairs;
  }

  function partitionText(snap) {
    const pairs = cutPairs(snap);
    if (!pairs.length) return "";
    const shown = pairs.slice(0, 4).map((p) => p.from + (p.both ? " ✂ " : " ↛ ") + p.to).join(", ");
    return "lab " + snap.lab + " partitioned: " + shown + (pairs.length > 4 ? " … (" + pairs.length + " pairs)" : "");
  }

  function drawLab(snap, first) {
    const lab = snap.lab;
    labs.set(lab, snap);
    const labNodeId = "lab:" + lab;
    const wanted = new Set([labNodeId]);
    cy.batch(() => {
      if (cy.getElementById(labNodeId).empty()) cy.add({ group: "nodes", data: { id: labNodeId, label: "lab " + lab }, classes: "lab" });
      for (const n of snap.nodes) {
        const id = nodeId(lab, n.name);
        wanted.add(id);
        let el = cy.getElementById(id);
        if (el.empty()) el = cy.add({ group: "nodes", data: { id, parent: labNodeId, lab, node: n.name } });
        el.data("label", nodeLabel(snap, n));
        el.classes([n.kind, n.present ? "" : "absent",
          (snap.services || []).some((s) => s.node === n.name && (s.state !== "running" || !s.ready)) ? "service-trouble" : ""]
          .filter(Boolean));
      }
      for (const l of snap.links) {
        const id = linkId(lab, l);
        wanted.add(id);
        let el = cy.getElementById(id);
        if (el.empty()) el = cy.add({ group: "edges", data: { id, source: nodeId(lab, l.a.node), target: nodeId(lab, l.b.node), lab, link: l } });
        const d = linkData(snap, l);
        el.data(d.data);
        el.classes([d.down ? "down" : "", d.impaired ? "impaired" : ""].filter(Boolean));
      }
      const pairs = cutPairs(snap);
      pairs.slice(0, MAX_CUT_EDGES).forEach((p) => {
        const id = "cut:" + lab + "/" + p.from + (p.both ? "<>" : ">") + p.to;
        wanted.add(id);
        if (cy.getElementById(id).empty()) {
          cy.add({ group: "edges", data: { id, source: nodeId(lab, p.from), target: nodeId(lab, p.to), lab,
            label: p.both ? "✂ cut" : "✂ " + p.from + " ↛ " + p.to }, classes: p.both ? "cut" : "cut oneway" });
        }
      });
      cy.elements().filter((el) => el.data("lab") === lab || el.id() === labNodeId)
        .filter((el) => !wanted.has(el.id())).remove();
    });
    return first;
  }

  function layout() {
    const n = cy.nodes().length;
    const opts = n <= 9 ? { name: "circle", animate: false, startAngle: -Math.PI / 2, radius: 50 + 40 * n }
      : n > 120 ? { name: "concentric", animate: false, minNodeSpacing: 12, concentric: (x) => x.degree(), levelWidth: () => 2 }
      : { name: "cose", animate: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 160, nodeOverlap: 40, randomize: true, padding: 30 };
    cy.layout(Object.assign({ padding: 30, fit: true }, opts)).run();
  }

  // Changes are drawn once per frame, however many events came in it; the links table is
  // rebuilt only when a link's state changed, counters update its cells in place.
  let pending = null;
  function redraw(structural, countersOnly) {
    pending = pending || { structural: false, table: false };
    pending.structural = pending.structural || structural;
    pending.table = pending.table || !countersOnly;
    if (pending.scheduled) return;
    pending.scheduled = true;
    requestAnimationFrame(() => { const p = pending; pending = null; draw(p.structural, p.table); });
  }

  function draw(structural, table) {
    const before = cy.nodes().length;
    for (const snap of labs.values()) drawLab(snap);
    if (structural || cy.nodes().length !== before) layout();
    const banner = [...labs.values()].map(partitionText).filter(Boolean).join("; ");
    $("partitionBanner").textContent = banner;
    $("title").textContent = [...labs.keys()].join(", ") || "no lab";
    fillLabSelect();
    if (table) {
      linksTable();
      if (selected) showSelection(selected);
    } else {
      document.querySelectorAll("canvas.spark").forEach(drawSpark);
      document.querySelectorAll("td.traffic").forEach((td) => {
        const h = history.get(td.firstChild.dataset.key) || [];
        td.lastChild.textContent = " " + rateText(h.length ? h[h.length - 1] : 0);
      });
    }
  }

  // ---- the side panel ----

  function fillLabSelect() {
    const s = $("labSelect");
    const names = [...labs.keys()];
    if ([...s.options].map((o) => o.value).join() === names.join()) return;
    s.replaceChildren(...names.map((n) => new Option(n, n)));
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }

  function spark(k) {
    const c = el("canvas", { class: "spark", width: 90, height: 18, "data-key": k });
    drawSpark(c);
    return c;
  }

  function drawSpark(c) {
    const h = history.get(c.dataset.key) || [];
    const g = c.getContext("2d");
    g.clearRect(0, 0, c.width, c.height);
    const max = Math.max(1, ...h);
    g.strokeStyle = "#1565c0";
    g.beginPath();
    h.forEach((v, i) => {
      const x = c.width - (h.length - 1 - i) * (c.width / 59), y = c.height - 1 - (v / max) * (c.height - 2);
      i ? g.lineTo(x, y) : g.moveTo(x, y);
    });
    g.stroke();
  }

  function linksTable() {
    const rows = [];
    for (const snap of labs.values()) {
      for (const l of snap.links) {
        const a = ifaceOf(snap, l.a.node, l.a.iface) || {}, b = ifaceOf(snap, l.b.node, l.b.iface) || {};
        const state = a.state === "up" && b.state === "up" ? "up" : [a.state !== "up" ? l.a.node + ":" + l.a.iface + " " + (a.state || "?") : "",
          b.state !== "up" ? l.b.node + ":" + l.b.iface + " " + (b.state || "?") : ""].filter(Boolean).join(", ");
        const imp = [a.impairment, b.impairment].filter(Boolean).join(" / ");
        const k = key(snap.lab, l.a.node, l.a.iface);
        const bps = Math.max(a.tx_bps || 0, a.rx_bps || 0);
        rows.push(el("tr", { "data-link": linkId(snap.lab, l), class: "link-row", onclick: () => select(cy.getElementById(linkId(snap.lab, l))) },
          el("td", {}, (labs.size > 1 ? snap.lab + ": " : "") + l.a.node + ":" + l.a.iface + " — " + l.b.node + ":" + l.b.iface),
          el("td", { class: "state-" + (state === "up" ? "up" : "down") }, state), el("td", { class: "imp" }, imp),
          el("td", { class: "traffic" }, spark(k), " " + rateText(bps))));
      }
    }
    $("links").tBodies[0].replaceChildren(...rows);
  }

  function select(ele) {
    selected = ele && ele.nonempty() ? ele.id() : null;
    if (ele && ele.nonempty()) { cy.elements().unselect(); ele.select(); }
    showSelection(selected);
  }

  function showSelection(id) {
    const box = $("selection");
    const ele = id ? cy.getElementById(id) : null;
    box.replaceChildren(el("h2", {}, "Selection"));
    if (!ele || ele.empty()) { box.append(el("p", { class: "hint" }, "Click a node or a link.")); return; }
    const lab = ele.data("lab"), snap = labs.get(lab);
    if (!snap) return;
    if (ele.isNode() && ele.data("node")) {
      const n = snap.nodes.find((x) => x.name === ele.data("node"));
      if (!n) return;
      box.append(el("p", {}, el("b", {}, n.name), " — " + n.kind + ", namespace " + n.namespace + (n.present ? "" : " (gone)")));
      const t = el("table", {});
      for (const [dev, st] of Object.entries(n.interfaces || {})) {
        t.append(el("tr", {}, el("td", {}, dev), el("td", { class: "state-" + st.state }, st.state),
          el("td", {}, (n.addresses[dev] || []).join(" ")), el("td", { class: "imp" }, st.impairment),
          el("td", {}, spark(key(lab, n.name, dev)))));
      }
      box.append(t);
      const svcs = (snap.services || []).filter((s) => s.node === n.name);
      for (const s of svcs) {
        box.append(el("p", {}, "service " + s.service + ": " + s.state + (s.ready ? ", ready" : "") + ", " + s.restarts + " restarts"
          + (s.last_exit ? ", last exit " + s.last_exit : "") + " ", live(el("button", { onclick: () => act({ action: "restart", lab,
          service: n.name + "/" + s.service }) }, "restart"))));
      }
      box.append(live(el("div", { class: "buttons" },
        el("button", { onclick: () => act({ action: "partition", lab, words: ["isolate", n.name] }) }, "isolate " + n.name))));
    } else if (ele.isEdge() && ele.data("link")) {
      const l = ele.data("link");
      box.append(el("p", {}, el("b", {}, l.a.node + ":" + l.a.iface + " — " + l.b.node + ":" + l.b.iface)));
      const t = el("table", {});
      for (const e of [l.a, l.b]) {
        const st = ifaceOf(snap, e.node, e.iface) || {};
        t.append(el("tr", {}, el("td", {}, e.node + ":" + e.iface), el("td", { class: "state-" + st.state }, (st.state || "?") + " (" + (st.oper || "?") + ")"),
          el("td", {}, e.addresses.join(" ")), el("td", { class: "imp" }, st.impairment || ""),
          el("td", {}, spark(key(lab, e.node, e.iface)), " " + rateText(Math.max(st.tx_bps || 0, st.rx_bps || 0))),
          live(el("td", {}, el("button", { onclick: () => act({ action: "link", lab, endpoint: e.node + ":" + e.iface,
            state: st.up ? "down" : "up" }) }, st.up ? "set down" : "set up")))));
      }
      box.append(t);
      const words = el("input", { placeholder: "delay 50ms loss 1%   (none: remove)", "aria-label": "impairment words" });
      const end = el("select", {}, new Option(l.a.node + ":" + l.a.iface), new Option(l.b.node + ":" + l.b.iface));
      box.append(live(el("form", { onsubmit: (ev) => { ev.preventDefault(); act({ action: "impair", lab, endpoint: end.value,
        words: words.value.trim().split(/\s+/) }); } }, end, words, el("button", { type: "submit" }, "impair"))));
      if (l.a.node !== l.b.node) {
        box.append(live(el("div", { class: "buttons" },
          el("button", { onclick: () => act({ action: "partition", lab, words: [l.a.node, "/", l.b.node] }) }, "cut " + l.a.node + " ✂ " + l.b.node),
          el("button", { onclick: () => act({ action: "partition", lab, words: [l.a.node, "/", l.b.node, "--oneway"] }) }, l.a.node + " ↛ " + l.b.node),
          el("button", { onclick: () => act({ action: "partition", lab, words: [l.b.node, "/", l.a.node, "--oneway"] }) }, l.b.node + " ↛ " + l.a.node))));
      }
    } else if (ele.hasClass("cut")) {
      box.append(el("p", {}, ele.data("label") + " (lab " + lab + ")"), live(el("button", { onclick: () => act({ action: "heal", lab }) }, "heal")));
    }
  }

  const live = (e) => { if (STATIC) e.style.display = "none"; return e; };

  async function act(body) {
    const out = $("actionResult");
    out.className = "";
    out.textContent = "…";
    try {
      const r = await fetch("/api/action", { method: "POST", headers: { "Content-Type": "application/json",
        "Authorization": "Bearer " + token }, body: JSON.stringify(body) });
      const j = await r.json().catch(() => ({ error: r.status + " " + r.statusText }));
      out.className = r.ok ? "ok" : "error";
      out.textContent = r.ok ? j.message : j.error || ("HTTP " + r.status);
    } catch (e) {
      out.className = "error";
      out.textContent = String(e);
    }
  }

  // ---- events ----

  const shownEntries = new Set(); // a lab's snapshot repeats entries the stream already brought
  function timeline(e) {
    const id = e.time + "\u0000" + e.lab + "\u0000" + e.text;
    if (shownEntries.has(id)) return;
    shownEntries.add(id);
    const t = new Date(e.time).toLocaleTimeString([], { hour12: false });
    const li = el("li", { class: "k-" + e.kind }, t + "  " + e.lab + "  " + e.text);
    const list = $("timeline");
    list.prepend(li);
    while (list.children.length > 300) list.lastChild.remove();
  }

  function mergeInterfaces(snap, byNode) {
    for (const n of snap.nodes) if (byNode[n.name]) n.interfaces = byNode[n.name];
  }

  function rates(d) {
    const snap = labs.get(d.lab);
    if (!snap) return;
    mergeInterfaces(snap, d.interfaces);
    for (const [node, ifs] of Object.entries(d.interfaces)) {
      for (const [dev, st] of Object.entries(ifs)) {
        const k = key(d.lab, node, dev), h = history.get(k) || [];
        h.push(Math.max(st.rx_bps, st.tx_bps));
        if (h.length > 60) h.shift();
        history.set(k, h);
      }
    }
    redraw(false, true);
  }

  function handlers() {
    return {
      snapshot: (d) => { labs.set(d.lab, d); d.timeline.forEach(timeline); firstDraw(); redraw(true); },
      iface: (d) => {
        const snap = labs.get(d.lab); if (!snap) return;
        const n = snap.nodes.find((x) => x.name === d.node); if (!n) return;
        n.interfaces[d.iface] = d.state;
        redraw(false);
      },
      faults: (d) => { const s = labs.get(d.lab); if (!s) return; s.partition = d.partition; mergeInterfaces(s, d.interfaces); redraw(false); },
      services: (d) => { const s = labs.get(d.lab); if (!s) return; s.services = d.services; redraw(false); },
      rates,
      timeline,
    };
  }

  function connect() {
    const es = new EventSource("/api/events?token=" + encodeURIComponent(token));
    const h = handlers();
    for (const [type, fn] of Object.entries(h)) {
      es.addEventListener(type, (m) => { view.events++; fn(JSON.parse(m.data)); });
    }
    es.onopen = () => { $("connection").textContent = "live"; $("connection").className = "conn live"; };
    es.onerror = () => {
      $("connection").textContent = token ? "reconnecting…" : "no token: open the address that lab serve printed";
      $("connection").className = "conn";
    };
  }

  // the graph's box changes when the header wraps or the window changes: keep the drawing in it
  new ResizeObserver(() => { cy.resize(); cy.fit(undefined, 30); }).observe($("graph"));
  cy.on("tap", "node, edge", (ev) => select(ev.target));
  cy.on("tap", (ev) => { if (ev.target === cy) select(null); });
  // time to first draw: from navigation start to the first frame painted with the labs in it
  function firstDraw() {
    if (view.firstDrawMs !== null || view.waitingForDraw) return;
    view.waitingForDraw = true;
    cy.one("render", () => requestAnimationFrame(() => { view.firstDrawMs = performance.now(); }));
  }
  $("partitionForm").addEventListener("submit", (ev) => {
    ev.preventDefault();
    act({ action: "partition", lab: $("labSelect").value, words: $("partitionWords").value.trim().split(/\s+/) });
  });
  $("healButton").addEventListener("click", () => act({ action: "heal", lab: $("labSelect").value }));

  if (STATIC) {
    document.body.classList.add("static");
    $("connection").textContent = "static picture, " + new Date(STATIC.time).toLocaleString();
    $("connection").className = "conn static";
    for (const s of STATIC.labs) { labs.set(s.lab, s); s.timeline.forEach(timeline); }
    firstDraw();
    redraw(true);
  } else {
    connect();
  }
  view.ready = true;
})();
