// The HTML report, end to end in Debian's headless Chromium (driven by
// playwright-core): the sample graph built fresh from corpus/, searched,
// clicked through to the evidence; the cooperation view; a graph full of
// hostile names and sentences that must show as text and run nothing.
//
//   CASEGRAPH   the binary (default: target/release/casegraph)
//   CHROMIUM    the browser (default: /usr/bin/chromium)
//   SCREENSHOT_DIR  where screenshots go (default: target/browser)
//   README_SCREENSHOT  where the README's picture goes (default: SCREENSHOT_DIR/report.png;
//                      graphs/report.png is made with README_SCREENSHOT=graphs/report.png)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchChromium } from "./chromium.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.resolve(process.env.CASEGRAPH || path.join(root, "target/release/casegraph"));
const shots = process.env.SCREENSHOT_DIR || path.join(root, "target/browser");

let tmp;
let browser;
const files = {};

function casegraph(...args) {
  return execFileSync(bin, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "casegraph-report-"));
  fs.mkdirSync(shots, { recursive: true });
  files.sample = path.join(tmp, "sample.ron");
  // built from the relative path, as the README does: evidence paths read corpus/...
  execFileSync(bin, ["build", "corpus", "-o", files.sample], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  files.sampleJson = JSON.parse(casegraph("export", files.sample, "--format", "json", "-o", "-"));
  files.sampleHtml = path.join(tmp, "sample.html");
  casegraph("report", files.sample, "-o", files.sampleHtml);
  files.coopHtml = path.join(tmp, "cooperation.html");
  casegraph("report", files.sample, "--view", "cooperation", "--layout", "neato", "-o", files.coopHtml);
  files.topHtml = path.join(tmp, "top.html");
  casegraph("report", files.sample, "--top", "40", "--kind", "agency,country,operation", "--title", "casegraph sample: the 40 best-connected agencies, countries and operations", "-o", files.topHtml);

  // hostile: a release whose sentences and headline carry markup, saved
  // under a file name that is markup too, and curated names that are
  const hostile = path.join(tmp, "hostile");
  fs.mkdirSync(hostile);
  const release = fs.readFileSync(path.join(root, "tests/fixtures/report-hostile/release.txt"), "utf8");
  fs.writeFileSync(path.join(hostile, "<img src=x onerror=alert('path')>.txt"), release);
  const curation = path.join(hostile, "curation.ron");
  casegraph("curate", "--file", curation, "rename", "agency:europol", "Europol <img src=x onerror=alert('name')> </script><script>window.canary='name'</script>");
  casegraph("curate", "--file", curation, "rename", "country:ro", "javascript:window.canary='ro'//");
  files.hostile = path.join(hostile, "h.ron");
  casegraph("build", hostile, "-o", files.hostile);
  files.hostileHtml = path.join(tmp, "hostile.html");
  casegraph("report", files.hostile, "--title", "<script>window.canary='title'</script>", "-o", files.hostileHtml);
  files.hostileCoopHtml = path.join(tmp, "hostile-coop.html");
  casegraph("report", files.hostile, "--view", "cooperation", "--with", "countries", "-o", files.hostileCoopHtml);

  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A page on `file`, recording everything that must not happen. */
async function open(file, viewport = { width: 1600, height: 1000 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => {
    window.canary = "untouched";
  });
  const page = await context.newPage();
  const seen = { errors: [], dialogs: [], requests: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") seen.errors.push(m.text());
  });
  page.on("pageerror", (e) => seen.errors.push(e.message));
  page.on("dialog", async (d) => {
    seen.dialogs.push(d.message());
    await d.dismiss();
  });
  page.on("request", (r) => {
    if (r.url() !== "file://" + file) seen.requests.push(r.url());
  });
  await page.goto("file://" + file);
  await page.waitForSelector("html[data-ready=true]", { timeout: 20000 });
  return { page, seen, context };
}

function clean(seen) {
  assert.deepEqual(seen.errors, [], "no console error or warning");
  assert.deepEqual(seen.dialogs, [], "no dialog");
  // the data: favicon is the only other thing the page loads
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith("data:")), [], "no network request");
}

/** Click the SVG link `id` with the mouse, at a point of its line that is on screen and not covered. */
async function clickEdge(page, id) {
  const pt = await page.evaluate((id) => {
    const g = document.getElementById(id);
    const line = g.querySelector("path:not(.hit)");
    const total = line.getTotalLength();
    const m = line.getScreenCTM();
    const view = document.getElementById("diagram").getBoundingClientRect();
    const bar = document.querySelector("#diagram .zoom").getBoundingClientRect();
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88, 0.06, 0.94]) {
      const p = line.getPointAtLength(total * f).matrixTransform(m);
      const inside = p.x > view.left + 4 && p.x < view.right - 4 && p.y > view.top + 4 && p.y < view.bottom - 20;
      const underBar = p.x < bar.right + 4 && p.y < bar.bottom + 4;
      if (inside && !underBar && document.elementFromPoint(p.x, p.y)?.closest("g.edge") === g) return { x: p.x, y: p.y };
    }
    return null;
  }, id);
  assert.ok(pt, `a visible, uncovered point on link ${id}`);
  await page.mouse.click(pt.x, pt.y);
}

/** The SVG id of the drawn link whose tooltip starts with `prefix` (Graphviz's own tooltip names the ends). */
function edgeByTooltip(page, prefix) {
  return page.evaluate((prefix) => {
    for (const g of document.querySelectorAll("#diagram g.edge")) {
      const a = g.querySelector("a");
      const t = a && a.getAttributeNS("http://www.w3.org/1999/xlink", "title");
      if (t && t.startsWith(prefix)) return g.id;
    }
    return null;
  }, prefix);
}

const detailsText = (page) => page.locator("#details").textContent();

test("sample report: search Eurojust, click it, click one of its links, read the evidence", async () => {
  const { page, seen, context } = await open(files.sampleHtml);
  // the link to check, and its sentence, from the node-link JSON export
  const link = files.sampleJson.links.find((l) => l.source === "agency:eurojust" && l.relation === "coordinated" && l.evidence.length);
  assert.ok(link, "Eurojust coordinated something in the sample");
  const ev = link.evidence[0];
  const target = files.sampleJson.nodes.find((n) => n.id === link.target);

  await page.fill("#search", "Eurojust");
  const first = page.locator("#results li").first();
  assert.equal(await first.locator(".name").textContent(), "Eurojust");
  await first.click();
  const found = page.locator("#diagram g.node.hl");
  assert.equal(await found.count(), 1, "one node highlighted");
  assert.match(await found.locator("a").first().getAttribute("xlink:title"), /^Eurojust \(agency/);
  assert.ok(await found.evaluate((g) => g.classList.contains("found")), "marked as the search result");
  const inView = await found.evaluate((g) => {
    const r = g.getBoundingClientRect();
    const v = document.getElementById("diagram").getBoundingClientRect();
    return r.width > 30 && r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;
  });
  assert.ok(inView, "brought into view, large enough to read");

  // click the node itself in the picture
  await page.locator("#details").evaluate((d) => d.replaceChildren());
  await found.click();
  assert.equal(await page.locator("#details h3").textContent(), "Eurojust");
  const facts = await detailsText(page);
  assert.match(facts, /Kindagency/);
  assert.match(facts, /AliasesEU Agency for Criminal Justice Cooperation/);
  assert.match(facts, /Centralitydegree 0\.\d+ · betweenness 0\.\d+ · pagerank 0\.\d+/);
  assert.match(facts, /Relations \(\d+\)/);
  assert.match(facts, /Documents \(\d+\)/);

  // click its link to the operation in the picture
  const id = await edgeByTooltip(page, `agency:eurojust → ${link.target}:`);
  assert.ok(id, "the link is drawn");
  await clickEdge(page, id);
  assert.ok(await page.locator("#" + id).evaluate((g) => g.classList.contains("hl")), "the link is highlighted");
  const text = await detailsText(page);
  assert.ok(text.includes(ev.sentence), `the evidence sentence is shown: ${ev.sentence}`);
  assert.ok(text.includes(ev.title), "with its document title");
  assert.ok(text.includes(ev.path), "and path");
  assert.ok(ev.rule && text.includes("rule: " + ev.rule), "and the rule that read it");
  assert.ok(text.includes(`bytes ${ev.start}–${ev.end}`), "and the byte span");
  assert.ok(text.includes(`Eurojust coordinated ${target.name}`));
  await page.screenshot({ path: path.join(shots, "report-sample-evidence.png") });

  // the same evidence from the node's list of relations
  await page.fill("#search", "eurojust");
  await page.keyboard.press("Enter");
  await page.locator("#details button.link", { hasText: target.name }).first().click();
  assert.ok((await detailsText(page)).includes(ev.sentence));
  clean(seen);
  await context.close();
});

test("search is accent- and case-insensitive and finds aliases", async () => {
  const { page, seen, context } = await open(files.sampleHtml);
  const names = async (q) => {
    await page.fill("#search", q);
    return page.locator("#results li .name").allTextContents();
  };
  assert.equal((await names("SIOCHANA"))[0], "An Garda Síochána");
  assert.equal((await names("síochána"))[0], "An Garda Síochána");
  assert.equal((await names("ialomița"))[0], "Ialomița");
  assert.equal((await names("criminal justice cooperation"))[0], "Eurojust");
  assert.match(await page.locator("#results li .why").first().textContent(), /alias: EU Agency for Criminal Justice Cooperation/);
  assert.deepEqual(await names("no such body anywhere"), []);
  assert.equal(await page.locator("#results li").textContent(), "no entity has this name or alias");
  // keyboard: down to the second hit, Enter selects it
  const all = await names("europ");
  assert.ok(all.length >= 2);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("#details h3").textContent(), all[1]);
  clean(seen);
  await context.close();
});

test("filters hide kinds and relations, the ranking sorts, the view pans and zooms", async () => {
  const { page, seen, context } = await open(files.sampleHtml);
  const countries = files.sampleJson.nodes.filter((n) => n.kind === "country").map((n) => n.name);
  const visibleCountryRows = () =>
    page.locator("#rank tbody tr:not(.off) td.name .kind").evaluateAll((spans) => spans.filter((s) => s.textContent === "country").length);
  assert.ok((await visibleCountryRows()) > 5);
  await page.locator('input[data-filter="kind"][value="country"]').uncheck();
  assert.equal(await visibleCountryRows(), 0, "no country left in the ranking");
  const shownCountries = await page.evaluate(
    () => Array.from(document.querySelectorAll("#diagram g.node:not(.off) a")).filter((a) => /\(country/.test(a.getAttributeNS("http://www.w3.org/1999/xlink", "title"))).length
  );
  assert.equal(shownCountries, 0, "no country left in the picture");
  assert.ok(countries.length > 0);
  // a relation filter hides the links that draw only that relation
  await page.locator('input[data-filter="relation"][value="based-in"]').uncheck();
  const basedIn = await page.evaluate(() =>
    Array.from(document.querySelectorAll("#diagram g.edge:not(.off) a")).filter((a) => / based-in \(/.test(a.getAttributeNS("http://www.w3.org/1999/xlink", "title")) && !/, /.test(a.getAttributeNS("http://www.w3.org/1999/xlink", "title").split(":").slice(2, 3).join(""))).length
  );
  assert.equal(basedIn, 0);
  // with no relation shown, no link and no entity is left in the picture
  for (const box of await page.locator('input[data-filter="relation"]').all()) await box.uncheck();
  assert.equal(await page.locator("#diagram g.node:not(.off), #diagram g.edge:not(.off)").count(), 0);
  assert.equal(await page.locator("#rank tbody tr:not(.off)").count(), 0);
  await page.locator("#reset").click();
  assert.ok((await visibleCountryRows()) > 5, "Show all brings them back");

  // sort by betweenness: descending, then ascending
  await page.locator('#rank th[data-key="m1"] button').click();
  assert.equal(await page.locator('#rank th[data-key="m1"]').getAttribute("aria-sort"), "descending");
  const col = () => page.locator("#rank tbody tr:not(.off) td:nth-child(4)").allTextContents().then((v) => v.map(Number));
  const desc = await col();
  assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
  assert.ok(desc[0] > desc[desc.length - 1]);
  await page.locator('#rank th[data-key="m1"] button').click();
  const asc = await col();
  assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
  // a row selects its entity
  const rowName = await page.locator("#rank tbody tr td.name > span:first-child").last().textContent();
  await page.locator("#rank tbody tr").last().click();
  assert.equal(await page.locator("#details h3").textContent(), rowName);

  // pan and zoom change the viewBox; Fit restores it
  await page.locator("#zoom-fit").click();
  const vb = () => page.locator("#diagram > svg").getAttribute("viewBox").then((s) => s.split(" ").map(Number));
  const home = await vb();
  const box = await page.locator("#diagram").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  const zoomed = await vb();
  assert.ok(zoomed[2] < home[2] * 0.8, `wheel zooms in: ${zoomed} vs ${home}`);
  await page.mouse.move(box.x + 300, box.y + 300);
  await page.mouse.down();
  await page.mouse.move(box.x + 500, box.y + 380, { steps: 5 });
  await page.mouse.up();
  const panned = await vb();
  assert.ok(panned[0] < zoomed[0] && panned[1] < zoomed[1] && Math.abs(panned[2] - zoomed[2]) < 1e-6, "drag pans");
  await page.locator("#zoom-fit").click();
  assert.deepEqual(await vb(), home);
  clean(seen);
  await context.close();
});

test("cooperation report: a link shows the shared operations and the sentences behind them", async () => {
  const { page, seen, context } = await open(files.coopHtml);
  assert.match(await page.locator("#counts").textContent(), /bodies and \d+ links drawn/);
  await page.fill("#search", "europol");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("#details h3").textContent(), "Europol");
  await page.locator("#details button.link", { hasText: "Eurojust" }).first().click();
  const text = await detailsText(page);
  assert.match(text, /Eurojust and Europol|Europol and Eurojust/);
  assert.match(text, /\d+ shared operations?/);
  assert.match(text, /rule: /);
  // every sentence shown is one the graph holds
  const sentences = await page.locator("#details blockquote").allTextContents();
  const all = new Set(files.sampleJson.links.flatMap((l) => l.evidence.map((e) => "“" + e.sentence + "”")));
  assert.ok(sentences.length > 1 && sentences.every((s) => all.has(s)), "sentences come from the graph");
  // and the link is clickable in the picture too
  const id = await page.locator("#diagram g.edge.hl").getAttribute("id");
  await page.locator("#zoom-fit").click();
  await page.locator("#details").evaluate((d) => d.replaceChildren());
  await clickEdge(page, id);
  assert.match(await detailsText(page), /shared operation/);
  await page.screenshot({ path: path.join(shots, "report-cooperation.png") });
  clean(seen);
  await context.close();
});

test("a selection that leaves nothing to draw says so", async () => {
  const empty = path.join(tmp, "empty.html");
  casegraph("report", files.sample, "--kind", "ocg", "--relation", "based-in", "-o", empty);
  const { page, seen, context } = await open(empty);
  assert.equal(await page.locator("#diagram g.node").count(), 0);
  assert.match(await page.locator("#diagram .empty").textContent(), /^Nothing to draw: .*--keep-isolated\.$/);
  clean(seen);
  await context.close();
});

/** Click every node, every link and every relation of the details panel. */
async function clickEverything(page) {
  const nodes = await page.locator("#diagram g.node").evaluateAll((gs) => gs.map((g) => g.id));
  for (const id of nodes) {
    await page.locator("#zoom-fit").click();
    await page.locator("#" + id).click();
    const rels = page.locator("#details button.link");
    const n = await rels.count();
    for (let k = 0; k < n; k++) {
      await page.locator("#zoom-fit").click();
      await page.locator("#" + id).click();
      await page.locator("#details button.link").nth(k).click();
    }
  }
  const edges = await page.locator("#diagram g.edge").evaluateAll((gs) => gs.map((g) => g.id));
  for (const id of edges) {
    await page.locator("#zoom-fit").click();
    await clickEdge(page, id);
    assert.ok(await page.locator("#" + id).evaluate((g) => g.classList.contains("hl")));
  }
  return { nodes: nodes.length, edges: edges.length };
}

async function assertNothingRan(page, seen) {
  assert.equal(await page.evaluate(() => window.canary), "untouched", "the canary global is untouched");
  const dom = await page.evaluate(() => ({
    scripts: document.scripts.length,
    embeds: document.querySelectorAll("img, iframe, object, embed, frame, foreignObject, a[href], [src]").length,
    handlers: Array.from(document.querySelectorAll("*")).flatMap((e) => Array.from(e.attributes).map((a) => a.name)).filter((n) => n.startsWith("on")),
    links: Array.from(document.querySelectorAll("*")).filter((e) => e.hasAttribute("href") || e.hasAttributeNS("http://www.w3.org/1999/xlink", "href")).length,
  }));
  assert.deepEqual(dom, { scripts: 2, embeds: 0, handlers: [], links: 1 }, "only the page's two scripts and its data: icon");
  clean(seen);
}

test("hostile names and sentences show as text and run nothing (graph view)", async () => {
  const { page, seen, context } = await open(files.hostileHtml);
  assert.equal(await page.title(), "<script>window.canary='title'</script>");
  assert.equal(await page.locator("h1").textContent(), "<script>window.canary='title'</script>");
  await page.fill("#search", "<img src=x");
  const evil = "Europol <img src=x onerror=alert('name')> </script><script>window.canary='name'</script>";
  assert.equal(await page.locator("#results li .name").first().textContent(), evil);
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("#details h3").textContent(), evil, "the curated name shows literally");
  const counts = await clickEverything(page);
  assert.ok(counts.nodes >= 5 && counts.edges >= 4, JSON.stringify(counts));
  // the hostile sentences, title and path as text in the evidence
  await page.fill("#search", "nightjar");
  await page.keyboard.press("Enter");
  await page.locator("#details button.link", { hasText: "supported" }).first().click();
  const text = await detailsText(page);
  assert.ok(text.includes("</script><script>window.canary='json'</script>"), text);
  assert.ok(text.includes("javascript:window.canary='url'"));
  assert.ok(text.includes("<img src=x onerror=alert('path')>.txt"), "the file name");
  assert.ok(text.includes("<script>window.canary='headline'</script>"), "the release's headline");
  await page.fill("#search", "javascript:");
  assert.equal(await page.locator("#results li .name").first().textContent(), "javascript:window.canary='ro'//");
  await page.screenshot({ path: path.join(shots, "report-hostile.png") });
  await assertNothingRan(page, seen);
  await context.close();
});

test("hostile names and sentences show as text and run nothing (cooperation view)", async () => {
  const { page, seen, context } = await open(files.hostileCoopHtml);
  const counts = await clickEverything(page);
  assert.ok(counts.nodes >= 2 && counts.edges >= 1, JSON.stringify(counts));
  const text = await detailsText(page);
  assert.ok(text.includes("shared operation"));
  await assertNothingRan(page, seen);
  await context.close();
});

test("size and time to first paint of the sample report", async () => {
  const rows = [];
  for (const [label, file] of [["sample (full graph)", files.sampleHtml], ["sample --top 40", files.topHtml], ["sample cooperation", files.coopHtml]]) {
    const { page, seen, context } = await open(file);
    // the paint entry is recorded after the frame is presented, which can come after the page's ready mark
    await page
      .waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 5000 })
      .catch(() => {});
    const t = await page.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
      ready: performance.getEntriesByName("casegraph-ready")[0]?.startTime,
    }));
    rows.push({ report: label, KiB: Math.round(fs.statSync(file).size / 1024), fcp_ms: Math.round(t.fcp), ready_ms: Math.round(t.ready) });
    assert.ok(t.fcp > 0 && t.fcp < 5000, `first paint within 5 s: ${t.fcp}`);
    clean(seen);
    await context.close();
  }
  console.log(rows.map((r) => `${r.report}: ${r.KiB} KiB, first contentful paint ${r.fcp_ms} ms, interactive ${r.ready_ms} ms`).join("\n"));
  assert.ok(rows[0].KiB < 2048, "the sample report stays under 2 MiB");
});

test("screenshot of the report for the README", async () => {
  const { page, seen, context } = await open(files.topHtml, { width: 1600, height: 940 });
  await page.fill("#search", "Eurojust");
  await page.keyboard.press("Enter");
  const link = files.sampleJson.links.find((l) => l.source === "agency:eurojust" && l.relation === "coordinated");
  const id = await edgeByTooltip(page, `agency:eurojust → ${link.target}:`);
  assert.ok(id);
  await page.locator("#zoom-fit").click();
  await clickEdge(page, id);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.resolve(root, process.env.README_SCREENSHOT || path.join(shots, "report.png")) });
  clean(seen);
  await context.close();
});
