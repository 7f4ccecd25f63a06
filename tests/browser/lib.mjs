// What the browser tests share: a static HTTP server for a built site and
// the options Debian's Chromium is launched with (nothing downloads a browser).
//
//   import { startServer, launchOptions } from "./lib.mjs";
//   const server = await startServer(WWW_ROOT);          // 127.0.0.1, a free port
//   const browser = await chromium.launch(launchOptions());

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".txt": "text/plain; charset=utf-8",
  ".bin": "application/octet-stream",
};

/** Serves the folder `root` on 127.0.0.1 (a free port; see
 * server.address().port), GET and HEAD only, `/` as `/index.html`, never
 * cached, nothing outside `root`. `onRequest(url)` is told every request. */
export function startServer(root, onRequest = () => {}) {
  root = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    onRequest(req.url);
    const send = (code, body, type = "text/plain; charset=utf-8") => {
      res.writeHead(code, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
    let p;
    try {
      p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return send(400, "bad request\n");
    }
    if (req.url.includes("..") || p.split(/[\\/]/).includes("..") || p.includes("\0")) return send(403, "forbidden\n");
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(root, p);
    if (!file.startsWith(root + path.sep)) return send(403, "forbidden\n");
    try {
      const st = await fs.promises.stat(file);
      if (!st.isFile()) return send(404, "not found\n");
      const body = await fs.promises.readFile(file);
      res.writeHead(200, {
        "Content-Type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
        "Content-Length": body.length,
        "Cache-Control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      send(404, "not found\n");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** Closes a server from startServer, open connections too. */
export const stopServer = (server) => new Promise((r) => { server.closeAllConnections?.(); server.close(r); });

/** Options for chromium.launch(): Debian's Chromium, headless, nothing
 * fetched from the network on its own. */
export function launchOptions() {
  return {
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic"],
  };
}

/** Runs `main` (the checks, which push true or false to `results`),
 * never longer than `deadline` ms; then `cleanup()` (promises to wait
 * for, at most 10 s: the browser, the servers), prints "N passed, N
 * failed" and exits 1 if a check failed, the run threw or it ran out of
 * time. */
export function runChecks(main, { results, deadline, cleanup }) {
  let finishing = false;
  async function finish(code) {
    if (finishing) return;
    finishing = true;
    clearTimeout(watchdog);
    const stop = Promise.allSettled(cleanup());
    await Promise.race([stop, new Promise((r) => setTimeout(r, 10_000).unref())]);
    const passed = results.filter(Boolean).length, failed = results.length - passed;
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed || code ? 1 : 0);
  }
  const watchdog = setTimeout(() => {
    console.log(`FAIL  run: gave up after ${deadline / 1000} s`);
    results.push(false);
    finish(1);
  }, deadline);
  main().then(() => finish(0), (e) => {
    console.log(`FAIL  run: ${e.stack || e}`);
    results.push(false);
    finish(1);
  });
}

/** The rules axe-core checks (WCAG 2.2 A and AA, and its best practice),
 * and where it is (npm ci puts it there). */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
export const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));

/** axe-core's violations on the page, each with up to 3 nodes. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (values) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values } });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
      nodes: v.nodes.slice(0, 3).map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" "),
        // The first line that says what is wrong ("Fix any of the following:" says nothing).
        summary: (n.failureSummary || "").split("\n").map((l) => l.trim()).find((l) => l && !/^Fix (any|all) of the following:$/.test(l)) || "",
      })),
    }));
  }, AXE_TAGS);
}

