
"use strict";
// casegraph report: pan and zoom over the inline Graphviz SVG, search,
// details with the evidence, filters and the centrality ranking. Every
// text from the data is put into the page with text nodes (append,
// textContent), never parsed as markup; no attribute ever takes a URL.
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const svg = document.querySelector("#diagram > svg");
  const $ = (id) => document.getElementById(id);
  const cooperation = data.view === "cooperation";

  // ---- small helpers -------------------------------------------------
  function h(tag, cls, ...kids) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    for (const k of kids) {
      if (k === null || k === undefined || k === false) continue;
      e.append(typeof k === "number" ? String(k) : k);
    }
    return e;
  }
  const LETTERS = { "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th" };
  // accent- and case-insensitive form: NFD, combining marks dropped, lower case
  function fold(s) {
    return String(s)
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[øłđßæœıþ]/g, (c) => LETTERS[c])
      .replace(/\s+/g, " ")
      .trim();
  }
  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
  }
  function swatch(colour) {
    const s = h("span", "swatch");
    s.style.background = colour;
    return s;
  }
  function bar(colours) {
    const b = h("span", "bar");
    for (const c of colours) {
      const part = h("span");
      part.style.background = c;
      b.append(part);
    }
    return b;
  }
  const relationColour = new Map(data.filters.relations);
  const kindColour = new Map(data.filters.kinds);

  // ---- the picture's elements -----------------------------------------
  const nodeEl = new Map(); // node index -> <g class="node">
  const edgeEl = new Map(); // edge index -> <g class="edge">
  const nodeOfSvg = new Map();
  const edgeOfSvg = new Map();
  data.nodes.forEach((n, i) => {
    if (n.svg === null) return;
    const g = document.getElementById(n.svg);
    if (g) {
      nodeEl.set(i, g);
      nodeOfSvg.set(n.svg, i);
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", n.name + " (" + n.kind + ")");
    }
  });
  const nodeEdges = data.nodes.map(() => []);
  const edgeOfPair = new Map();
  data.edges.forEach((e, k) => {
    nodeEdges[e.a].push(k);
    if (e.b !== e.a) nodeEdges[e.b].push(k);
    edgeOfPair.set(e.a + ">" + e.b, k);
    const g = document.getElementById(e.svg);
    if (!g) return;
    edgeEl.set(k, g);
    edgeOfSvg.set(e.svg, k);
    // a wide transparent copy of each line, so a thin line is easy to click
    for (const p of Array.from(g.querySelectorAll("path"))) {
      const hit = document.createElementNS("http://www.w3.org/2000/svg", "path");
      hit.setAttribute("d", p.getAttribute("d"));
      hit.setAttribute("class", "hit");
      p.parentNode.insertBefore(hit, p);
    }
  });
  const drawnNodes = data.nodes.map((n, i) => i).filter((i) => nodeEl.has(i));

  // ---- filters ----------------------------------------------------------
  // Each filter lists the values it offers and tests either nodes or
  // relations; a value it does not list always passes. A date filter
  // (once the graph has dates) is one more entry testing relations by the
  // dates of their evidence, with its own control.
  const filters = [
    {
      id: "kind",
      title: cooperation ? "Bodies" : "Kinds",
      on: "node",
      // the cooperation view fills bodies by community, not by kind
      options: data.filters.kinds.map(([k, c]) => ({ value: k, label: k, mark: cooperation ? null : swatch(c) })),
      value: (n) => n.kind,
    },
    {
      id: "relation",
      title: cooperation ? "Acting as" : "Relations",
      on: "relation",
      options: data.filters.relations.map(([r, c]) => ({ value: r, label: r, mark: bar([c]) })),
      value: (r) => r.relation,
    },
  ];
  for (const f of filters) {
    f.values = new Set(f.options.map((o) => o.value));
    f.shown = new Set(f.values);
  }
  function passes(on, item) {
    return filters.every((f) => f.on !== on || !f.values.has(f.value(item)) || f.shown.has(f.value(item)));
  }
  const nodeAllowed = (i) => passes("node", data.nodes[i]);
  function relationAllowed(r) {
    const rel = data.relations[r];
    return passes("relation", rel) && nodeAllowed(rel.source) && nodeAllowed(rel.target);
  }
  function edgeShown(k) {
    const e = data.edges[k];
    if (!nodeAllowed(e.a) || !nodeAllowed(e.b)) return false;
    if (cooperation) return e.operations.some((o) => o.a.some(relationAllowed) && o.b.some(relationAllowed));
    return e.relations.some(relationAllowed);
  }
  function nodeShown(i) {
    if (!nodeAllowed(i)) return false;
    const mine = nodeEdges[i];
    return data.keep_isolated || mine.length === 0 || mine.some(edgeShown);
  }

  function buildFilters() {
    const box = $("filter-groups");
    for (const f of filters) {
      if (f.options.length === 0) continue;
      const counts = new Map();
      if (f.on === "node") drawnNodes.forEach((i) => counts.set(f.value(data.nodes[i]), (counts.get(f.value(data.nodes[i])) || 0) + 1));
      else data.relations.forEach((r) => counts.set(f.value(r), (counts.get(f.value(r)) || 0) + 1));
      const group = h("div", "group", h("h3", null, f.title));
      group.setAttribute("role", "group");
      for (const o of f.options) {
        const input = h("input");
        input.type = "checkbox";
        input.checked = true;
        input.dataset.filter = f.id;
        input.value = o.value;
        input.addEventListener("change", () => {
          if (input.checked) f.shown.add(o.value);
          else f.shown.delete(o.value);
          applyFilters();
        });
        group.append(h("label", "check", input, o.mark, h("span", null, o.label), h("span", "count", counts.get(o.value) || 0)));
      }
      box.append(group);
    }
    $("reset").addEventListener("click", () => {
      for (const f of filters) f.shown = new Set(f.values);
      for (const input of box.querySelectorAll("input[type=checkbox]")) input.checked = true;
      applyFilters();
    });
  }

  function applyFilters() {
    for (const [k, g] of edgeEl) g.classList.toggle("off", !edgeShown(k));
    for (const [i, g] of nodeEl) g.classList.toggle("off", !nodeShown(i));
    for (const row of rankRows) row.tr.classList.toggle("off", !nodeShown(row.i));
    renumber();
    if (current) show(current, false);
  }

  // ---- legend -------------------------------------------------------------
  function buildLegend() {
    const box = $("legend");
    const lg = data.legend;
    if (!lg.shown) {
      box.hidden = true;
      return;
    }
    if (lg.nodes.length) {
      const nodes = h("div", "group", h("h3", null, lg.nodes_heading));
      for (const [label, fill] of lg.nodes) nodes.append(h("div", "legend-row", swatch(fill), h("span", null, label)));
      box.append(nodes);
    }
    if (lg.edges.length) {
      const edges = h("div", "group", h("h3", null, lg.edges_heading));
      for (const [label, colours] of lg.edges) edges.append(h("div", "legend-row", bar(colours), h("span", null, label)));
      box.append(edges);
    }
    box.append(h("p", "legend-note", lg.note));
  }

  // ---- pan and zoom ---------------------------------------------------------
  const base = svg.viewBox.baseVal;
  const home = { x: base.x, y: base.y, w: base.width, h: base.height };
  let vb = Object.assign({}, home);
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  function setView(v) {
    const w = Math.min(Math.max(v.w, home.w / 60), home.w * 3);
    const hgt = (v.h * w) / v.w;
    vb = { x: v.x + (v.w - w) / 2, y: v.y + (v.h - hgt) / 2, w: w, h: hgt };
    svg.setAttribute("viewBox", vb.x + " " + vb.y + " " + vb.w + " " + vb.h);
  }
  function toSvg(cx, cy) {
    const m = svg.getScreenCTM();
    return new DOMPoint(cx, cy).matrixTransform(m.inverse());
  }
  function zoomAt(p, f) {
    setView({ x: p.x - (p.x - vb.x) / f, y: p.y - (p.y - vb.y) / f, w: vb.w / f, h: vb.h / f });
  }
  function zoomCentre(f) {
    zoomAt({ x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 }, f);
  }
  svg.addEventListener(
    "wheel",
    (e) => {
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      zoomAt(toSvg(e.clientX, e.clientY), Math.exp(-e.deltaY * unit * 0.0015));
    },
    { passive: false }
  );
  let drag = null;
  let dragged = false;
  svg.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, vb: Object.assign({}, vb), id: e.pointerId, moving: false };
    dragged = false;
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moving && Math.hypot(dx, dy) < 4) return;
    if (!drag.moving) {
      drag.moving = true;
      svg.setPointerCapture(e.pointerId);
      svg.classList.add("dragging");
    }
    const s = svg.getScreenCTM().a;
    setView({ x: drag.vb.x - dx / s, y: drag.vb.y - dy / s, w: drag.vb.w, h: drag.vb.h });
  });
  function endDrag(e) {
    if (!drag || e.pointerId !== drag.id) return;
    dragged = drag.moving;
    if (drag.moving && svg.hasPointerCapture(e.pointerId)) svg.releasePointerCapture(e.pointerId);
    svg.classList.remove("dragging");
    drag = null;
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  $("zoom-in").addEventListener("click", () => zoomCentre(1.5));
  $("zoom-out").addEventListener("click", () => zoomCentre(1 / 1.5));
  $("zoom-fit").addEventListener("click", () => setView(home));

  // bring an element into the middle of the view, large enough to read
  function reveal(el) {
    const r = el.getBoundingClientRect();
    const s = svg.getScreenCTM().a;
    const c = toSvg(r.left + r.width / 2, r.top + r.height / 2);
    const want = 70; // pixels across for the element
    const f = r.width > 0 && r.width < want ? want / r.width : 1;
    const w = vb.w / f;
    const hgt = vb.h / f;
    setView({ x: c.x - w / 2, y: c.y - hgt / 2, w: w, h: hgt });
    return s;
  }

  // ---- selection and highlight --------------------------------------------------
  let current = null; // {type: "node"|"edge"|"relation", i}
  function clearMarks() {
    svg.classList.remove("focus");
    for (const el of svg.querySelectorAll(".hl, .near, .found")) el.classList.remove("hl", "near", "found");
  }
  function markNode(i) {
    const g = nodeEl.get(i);
    if (!g) return;
    svg.classList.add("focus");
    g.classList.add("hl", "near");
    for (const k of nodeEdges[i]) {
      const e = data.edges[k];
      edgeEl.get(k)?.classList.add("near");
      nodeEl.get(e.a)?.classList.add("near");
      nodeEl.get(e.b)?.classList.add("near");
    }
  }
  function markEdge(k) {
    const g = edgeEl.get(k);
    if (!g) return;
    const e = data.edges[k];
    svg.classList.add("focus");
    g.classList.add("hl", "near");
    nodeEl.get(e.a)?.classList.add("near");
    nodeEl.get(e.b)?.classList.add("near");
  }
  function edgeOfRelation(r) {
    const rel = data.relations[r];
    if (cooperation) return undefined;
    return edgeOfPair.get(rel.source + ">" + rel.target);
  }
  function select(what, move) {
    current = what;
    clearMarks();
    if (what.type === "node") markNode(what.i);
    else if (what.type === "edge") markEdge(what.i);
    else if (what.type === "relation") {
      const k = edgeOfRelation(what.i);
      if (k !== undefined) markEdge(k);
    }
    for (const row of rankRows) row.tr.classList.toggle("current", what.type === "node" && row.i === what.i);
    show(what, true);
    if (move) {
      const el = what.type === "node" ? nodeEl.get(what.i) : what.type === "edge" ? edgeEl.get(what.i) : edgeEl.get(edgeOfRelation(what.i));
      if (el && !el.classList.contains("off")) reveal(el);
    }
  }
  svg.addEventListener("click", (e) => {
    if (dragged) {
      dragged = false;
      return;
    }
    const target = e.target.closest("g.node, g.edge");
    if (target && nodeOfSvg.has(target.id)) select({ type: "node", i: nodeOfSvg.get(target.id) }, false);
    else if (target && edgeOfSvg.has(target.id)) select({ type: "edge", i: edgeOfSvg.get(target.id) }, false);
    else {
      current = null;
      clearMarks();
    }
  });
  svg.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    const target = e.target.closest && e.target.closest("g.node");
    if (target && nodeOfSvg.has(target.id)) {
      e.preventDefault();
      select({ type: "node", i: nodeOfSvg.get(target.id) }, false);
    }
  });

  // ---- details ---------------------------------------------------------------
  const details = $("details");
  function name(i) {
    return data.nodes[i].name;
  }
  function docLine(d) {
    const doc = data.documents[d];
    const path = doc.article ? doc.path + " (article " + doc.article + ")" : doc.path;
    return [h("span", "doc", doc.title || doc.id), h("code", null, path)];
  }
  function evidenceList(r) {
    const rel = data.relations[r];
    const ul = h("ul", "evidence");
    for (const ev of rel.evidence) {
      const meta = h("div", "meta");
      if (ev.doc !== null) meta.append(...docLine(ev.doc));
      const facts = [];
      facts.push("rule: " + (ev.rule === null ? "not recorded" : ev.rule));
      facts.push("bytes " + ev.start + "–" + ev.end);
      if (ev.count !== null) facts.push("states " + ev.count);
      if (ev.hedged) facts.push("hedged: reported, not asserted");
      meta.append(h("span", null, facts.join(" · ")));
      ul.append(h("li", null, h("blockquote", null, "“" + ev.sentence + "”"), meta));
    }
    return ul;
  }
  function relationHeading(r, tag) {
    const rel = data.relations[r];
    const head = h(tag || "h4", null, bar([relationColour.get(rel.relation) || "#888"]), " ", name(rel.source), " ", h("em", null, rel.relation), " ", name(rel.target));
    const facts = [plural(rel.documents, "document")];
    if (rel.count !== null) facts.push("count " + rel.count);
    if (!relationAllowed(r)) facts.push("hidden by the filters");
    return [head, h("p", "note", "stated by " + facts.join(" · "))];
  }
  function linkButton(label, onClick, extra, hidden) {
    const b = h("button", "link" + (hidden ? " hidden-by-filter" : ""), ...label, extra ? h("span", "n", extra) : null);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function scoreFacts(i) {
    const parts = [];
    data.ranking.measures.forEach((m, c) => {
      const v = data.ranking.scores[c][i];
      if (v !== null && v !== undefined) parts.push(m + " " + v.toFixed(4));
    });
    return parts.join(" · ");
  }
  function fact(dl, term, ...value) {
    dl.append(h("dt", null, term), h("dd", null, ...value));
  }

  function nodeDetails(i) {
    const n = data.nodes[i];
    const out = [h("h3", null, n.name), h("p", null, h("span", "badge", n.kind), h("span", "ident", n.id))];
    const dl = h("dl", "facts");
    fact(dl, "Kind", n.kind);
    fact(dl, "Country", n.country ? n.country.toUpperCase() : "—");
    fact(dl, "Aliases", n.aliases.length ? n.aliases.join(" · ") : "none");
    fact(dl, "Documents", String(n.documents.length));
    if (n.community !== undefined) fact(dl, "Community", String(n.community));
    const scores = scoreFacts(i);
    if (scores) fact(dl, "Centrality", scores);
    if (!nodeEl.has(i)) fact(dl, "Picture", "not drawn in this view");
    else if (!nodeShown(i)) fact(dl, "Picture", "hidden by the filters");
    out.push(dl);
    if (cooperation) {
      const partners = nodeEdges[i].slice().sort((x, y) => data.edges[y].operations.length - data.edges[x].operations.length || name(other(x, i)).localeCompare(name(other(y, i))));
      out.push(h("h4", null, "Partners in the view (" + partners.length + ")"));
      const ul = h("div");
      for (const k of partners) {
        ul.append(linkButton([h("span", null, name(other(k, i)))], () => select({ type: "edge", i: k }, true), plural(data.edges[k].operations.length, "shared operation"), !edgeShown(k)));
      }
      out.push(ul);
    }
    const rels = n.relations.slice().sort((x, y) => {
      const a = data.relations[x];
      const b = data.relations[y];
      return a.relation.localeCompare(b.relation) || name(a.source === i ? a.target : a.source).localeCompare(name(b.source === i ? b.target : b.source));
    });
    out.push(h("h4", null, "Relations (" + rels.length + ")"));
    const box = h("div");
    for (const r of rels) {
      const rel = data.relations[r];
      const outgoing = rel.source === i;
      const label = [bar([relationColour.get(rel.relation) || "#888"]), h("span", "rel", outgoing ? rel.relation + " →" : "← " + rel.relation), h("span", null, name(outgoing ? rel.target : rel.source))];
      box.append(linkButton(label, () => select({ type: "relation", i: r }, true), plural(rel.documents, "doc"), !relationAllowed(r)));
    }
    out.push(box);
    out.push(h("h4", null, "Documents (" + n.documents.length + ")"));
    const docs = h("ul", "plain");
    for (const d of n.documents) docs.append(h("li", null, ...docLine(d).flatMap((x) => [x, " "])));
    out.push(docs);
    return out;
  }
  function other(k, i) {
    const e = data.edges[k];
    return e.a === i ? e.b : e.a;
  }
  function edgeDetails(k) {
    const e = data.edges[k];
    const out = [];
    if (cooperation) {
      out.push(h("h3", null, name(e.a) + " and " + name(e.b)));
      out.push(h("p", "note", plural(e.operations.length, "shared operation") + ": each side's part in each, with the sentences that state it"));
      for (const o of e.operations) {
        out.push(h("h4", null, linkButton([h("span", null, name(o.operation))], () => select({ type: "node", i: o.operation }, true), "operation")));
        for (const [side, rels] of [[e.a, o.a], [e.b, o.b]]) {
          for (const r of rels) {
            out.push(h("p", "role", h("strong", null, name(side)), " ", h("em", null, data.relations[r].relation), relationAllowed(r) ? null : " (hidden by the filters)"));
            out.push(evidenceList(r));
          }
        }
      }
    } else {
      out.push(h("h3", null, name(e.a) + " → " + name(e.b)));
      out.push(h("p", "note", plural(e.relations.length, "relation") + " drawn as this link"));
      for (const r of e.relations) {
        out.push(...relationHeading(r));
        out.push(evidenceList(r));
      }
    }
    out.push(endsButtons(e.a, e.b));
    return out;
  }
  function endsButtons(a, b) {
    const box = h("div");
    box.append(h("h4", null, "Ends"));
    for (const i of [a, b]) box.append(linkButton([h("span", null, name(i))], () => select({ type: "node", i: i }, true), data.nodes[i].kind));
    return box;
  }
  function relationDetails(r) {
    const rel = data.relations[r];
    const [head, note] = relationHeading(r, "h3");
    return [head, note, evidenceList(r), endsButtons(rel.source, rel.target)];
  }
  function show(what, scroll) {
    const parts = what.type === "node" ? nodeDetails(what.i) : what.type === "edge" ? edgeDetails(what.i) : relationDetails(what.i);
    details.replaceChildren(h("h2", null, "Details"), ...parts);
    details.dataset.kind = what.type;
    if (scroll) details.scrollTop = 0;
  }

  // ---- ranking -------------------------------------------------------------------
  const rankRows = [];
  const measures = data.ranking.measures.map((m, c) => ({ m: m, c: c })).filter((x) => data.ranking.skipped[x.c] === null);
  let sort = { key: measures.length ? "m" + measures[0].c : "name", dir: -1 };
  function buildRanking() {
    const notes = [cooperation ? "Computed on the cooperation view drawn." : "Computed on the graph drawn (the graph seen as undirected)."];
    data.ranking.measures.forEach((m, c) => {
      if (data.ranking.skipped[c] !== null) notes.push(m + " left out: " + data.ranking.skipped[c]);
    });
    notes.push("Click a column to sort, a row to select.");
    $("ranking-note").textContent = notes.join(" ");
    const cols = [{ key: "rank", label: "#", num: true }, { key: "name", label: "name" }].concat(
      measures.map((x) => ({ key: "m" + x.c, label: x.m, num: true }))
    );
    const tr = h("tr");
    for (const col of cols) {
      const th = h("th", col.num ? "num" : null);
      th.dataset.key = col.key;
      if (col.key === "rank") th.append(h("span", null, "#"));
      else {
        const b = h("button", null, col.label);
        b.type = "button";
        b.addEventListener("click", () => {
          sort = sort.key === col.key ? { key: col.key, dir: -sort.dir } : { key: col.key, dir: col.num ? -1 : 1 };
          renderRanking();
        });
        th.append(b);
      }
      tr.append(th);
    }
    $("rank").tHead.append(tr);
    for (const i of drawnNodes) {
      const n = data.nodes[i];
      const kind = h("span", "kind", cooperation ? null : swatch(kindColour.get(n.kind) || "#fff"), n.kind);
      const row = h("tr", null, h("td", "num rank"), h("td", "name", h("span", null, n.name), kind));
      for (const x of measures) {
        const v = data.ranking.scores[x.c][i];
        row.append(h("td", "num", v === null || v === undefined ? "—" : v.toFixed(3)));
      }
      row.dataset.id = n.id;
      row.addEventListener("click", () => select({ type: "node", i: i }, true));
      rankRows.push({ i: i, tr: row });
    }
    renderRanking();
  }
  function sortValue(i, key) {
    if (key === "name") return fold(data.nodes[i].name);
    const v = data.ranking.scores[Number(key.slice(1))][i];
    return v === null || v === undefined ? -Infinity : v;
  }
  function renderRanking() {
    rankRows.sort((x, y) => {
      const a = sortValue(x.i, sort.key);
      const b = sortValue(y.i, sort.key);
      const c = a < b ? -1 : a > b ? 1 : 0;
      return sort.dir * c || data.nodes[x.i].name.localeCompare(data.nodes[y.i].name) || x.i - y.i;
    });
    for (const th of $("rank").tHead.querySelectorAll("th")) {
      if (th.dataset.key === sort.key) th.setAttribute("aria-sort", sort.dir < 0 ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    }
    const body = $("rank").tBodies[0];
    body.replaceChildren(...rankRows.map((r) => r.tr));
    renumber();
  }
  function renumber() {
    let n = 0;
    for (const r of rankRows) {
      if (!r.tr.classList.contains("off")) r.tr.firstChild.textContent = String(++n);
    }
  }

  // ---- search ----------------------------------------------------------------------
  const search = $("search");
  const results = $("results");
  const keys = data.nodes.map((n) => [n.name, ...n.aliases, n.id].map((k) => ({ text: k, folded: fold(k) })));
  let hits = [];
  let active = 0;
  function degree(i) {
    const v = data.ranking.scores[0] ? data.ranking.scores[0][i] : null;
    return v === null || v === undefined ? 0 : v;
  }
  function find(q) {
    const f = fold(q);
    if (!f) return [];
    const found = [];
    data.nodes.forEach((n, i) => {
      let best = null;
      for (const [j, k] of keys[i].entries()) {
        const at = k.folded.indexOf(f);
        if (at < 0) continue;
        const score = (k.folded === f ? 0 : at === 0 ? 1 : 2) + (j === 0 ? 0 : 0.5);
        if (best === null || score < best.score) best = { score: score, key: k.text, alias: j > 0 && j <= n.aliases.length };
      }
      if (best) found.push({ i: i, score: best.score, key: best.key, alias: best.alias });
    });
    found.sort((a, b) => a.score - b.score || Number(nodeEl.has(b.i)) - Number(nodeEl.has(a.i)) || degree(b.i) - degree(a.i) || data.nodes[a.i].name.localeCompare(data.nodes[b.i].name));
    return found.slice(0, 12);
  }
  function renderResults() {
    results.replaceChildren();
    if (!search.value.trim()) {
      results.hidden = true;
      return;
    }
    if (hits.length === 0) {
      results.append(h("li", "none", "no entity has this name or alias"));
    }
    hits.forEach((hit, j) => {
      const n = data.nodes[hit.i];
      const why = [n.kind];
      if (hit.alias) why.push("alias: " + hit.key);
      if (!nodeEl.has(hit.i)) why.push("not drawn in this view");
      const li = h("li", null, h("span", "name", n.name), h("span", "why", why.join(" · ")));
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", j === active ? "true" : "false");
      li.dataset.id = n.id;
      li.addEventListener("mousedown", (e) => e.preventDefault());
      li.addEventListener("click", () => pick(j));
      results.append(li);
    });
    results.hidden = false;
  }
  function pick(j) {
    const hit = hits[j];
    if (!hit) return;
    results.hidden = true;
    select({ type: "node", i: hit.i }, true);
    nodeEl.get(hit.i)?.classList.add("found");
  }
  search.addEventListener("input", () => {
    hits = find(search.value);
    active = 0;
    renderResults();
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (hits.length) active = (active + (e.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      renderResults();
    } else if (e.key === "Enter") {
      e.preventDefault();
      pick(active);
    } else if (e.key === "Escape") {
      results.hidden = true;
    }
  });
  search.addEventListener("focus", () => {
    if (search.value.trim()) renderResults();
  });
  search.addEventListener("blur", () => {
    results.hidden = true;
  });

  // ---- start -----------------------------------------------------------------------
  const title = data.title || (cooperation ? "casegraph report: cooperation view" : "casegraph report");
  $("title").textContent = title;
  const drawnEdges = data.edges.length;
  const what = cooperation ? [plural(drawnNodes.length, "body", "bodies"), plural(drawnEdges, "link")] : [plural(drawnNodes.length, "entity", "entities"), plural(drawnEdges, "link")];
  $("counts").textContent =
    what.join(" and ") + " drawn · the graph behind it: " + [plural(data.nodes.length, "entity", "entities"), plural(data.relations.length, "relation"), plural(data.documents.length, "document")].join(", ") + " · " + data.generator;
  if (drawnNodes.length === 0) {
    const flag = (f) => h("code", null, f);
    $("diagram").append(
      h("p", "empty", "Nothing to draw: the selection left no linked " + (cooperation ? "body" : "entity") + ". Select less (fewer ", flag("--kind"), " or ", flag("--relation"), ", no ", flag("--min-evidence"), ") or keep unlinked ones with ", flag("--keep-isolated"), ".")
    );
  }
  buildFilters();
  buildLegend();
  buildRanking();
  setView(home);
  performance.mark("casegraph-ready");
  document.documentElement.dataset.ready = "true";
})();
