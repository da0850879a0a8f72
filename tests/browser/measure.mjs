// Size and speed of report files in Chromium: for each file, its size and
// the median over five fresh loads of the time to first contentful paint
// and to the page being interactive (the script's "casegraph-ready" mark).
//
//   node measure.mjs report.html [more.html ...]
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./chromium.mjs";

const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node measure.mjs REPORT.html [...]");
  process.exit(2);
}
const browser = await launchChromium();
try {
  for (const f of files) {
    const file = path.resolve(f);
    const fcp = [];
    const ready = [];
    let counts = "";
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      await page.goto("file://" + file);
      await page.waitForSelector("html[data-ready=true]", { timeout: 120000 });
      // the paint entry is recorded after the frame is presented, which can come after the ready mark
      await page
        .waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 5000 })
        .catch(() => {});
      const t = await page.evaluate(() => ({
        fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
        ready: performance.getEntriesByName("casegraph-ready")[0]?.startTime,
        counts: document.getElementById("counts").textContent,
      }));
      fcp.push(t.fcp);
      ready.push(t.ready);
      counts = t.counts;
      await context.close();
    }
    const kib = fs.statSync(file).size / 1024;
    console.log(`${f}: ${kib.toFixed(0)} KiB; first contentful paint ${median(fcp).toFixed(0)} ms, interactive ${median(ready).toFixed(0)} ms (median of ${RUNS}); ${counts}`);
  }
} finally {
  await browser.close();
}
