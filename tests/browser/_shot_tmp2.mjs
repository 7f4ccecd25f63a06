import { chromium } from "playwright-core";
const [url, out, width, scheme, sel] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, colorScheme: scheme || "light" });
await page.goto(url);
await page.locator(sel || ".charts").first().screenshot({ path: out });
await browser.close();
