// The rendered API docs in a real browser (Debian's Chromium, driven by playwright-core), with every
// request that leaves the file aborted: the page must render and work offline.
// .ci/run installs Chromium with apt-get. Locally, without /usr/bin/chromium, this file is skipped
// (outside CI only): `apt-get install chromium` to run it.

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportTypeNames } from "../../src/index.js";

const root = path.resolve(import.meta.dirname, "../..");
const chromiumPath = "/usr/bin/chromium";
const available = existsSync(chromiumPath);
if (!available && process.env.CI)
  throw new Error(`${chromiumPath} is missing: .ci/run must install Debian's chromium for the browser test`);
const page0 = pathToFileURL(path.join(root, "docs/index.html")).href;

let browser: Browser;
let page: Page;
/** The requests that tried to leave the file, with the page that made them. */
const leaving: { from: Page; what: string }[] = [];
const leftFrom = (from: Page) => leaving.filter((r) => r.from === from).map((r) => r.what);

describe.skipIf(!available)("the rendered API docs (docs/index.html)", () => {
  beforeAll(async () => {
    await promisify(execFile)("npm", ["run", "docs"], { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    // The network is off: anything that is not the file itself (or inline data) is aborted and recorded.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      leaving.push({ from: route.request().frame().page(), what: `${route.request().resourceType()} ${url}` });
      return route.abort();
    });
    page = await context.newPage();
  }, 60_000);
  afterAll(() => browser?.close());

  it("renders offline, loading no remote script or stylesheet", async () => {
    await page.goto(page0);
    await page.getByText("Yeastar P-Series call reports (0.1.0)").first().waitFor({ timeout: 15_000 });
    await page.getByText("/openapi/{api_version}/call_report/download").first().waitFor();
    expect(await page.innerText("body")).toContain("The call-report download of the Yeastar P-Series OpenAPI");
    // Redoc's "API docs by" badge is an image from a CDN; without network it is simply not shown.
    expect(leftFrom(page).filter((r) => !r.startsWith("image "))).toEqual([]);
  });

  it("shows the call-report operation with a selector of every report type; choosing one shows its parameters", async () => {
    await page.goto(`${page0}#/call-reports/downloadcallreport`);
    const selector = page.getByRole("button", { name: reportTypeNames[0]!, exact: true });
    await selector.scrollIntoViewIfNeeded();
    await selector.click();
    const items = (await page.getByRole("menuitem").allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    expect(items.sort()).toEqual([...reportTypeNames].sort());
    await page.getByRole("menuitem", { name: "ivr", exact: true }).click();
    const body = await page.innerText("body");
    expect(body).toContain("query.\u200bivr_id_list");
    expect(body).toContain("query.\u200bneed_detail");
    expect(body).not.toContain("query.\u200bext_id_list");
    await mkdir(path.join(root, "test-output"), { recursive: true });
    await page.screenshot({ path: path.join(root, "test-output/docs-call-report.png") });
  });

  it("links the library API reference (TypeDoc), which renders offline and links back", async () => {
    await page.goto(page0);
    const link = page.getByRole("link", { name: "library API reference" }).first();
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe("api/index.html");
    // A page of its own: Redoc's badge image may be asked for late, and it is the Redoc page's, not TypeDoc's.
    const api = await page.context().newPage();
    await api.goto(new URL("api/index.html", page0).href);
    await api.getByText("HTTP reference (the spec)").first().waitFor({ timeout: 15_000 });
    // The landing page is the README, and the modules carry the package's own names.
    await api.getByRole("heading", { name: "Quick start: the library" }).waitFor({ timeout: 15_000 });
    const landing = await api.innerText("body");
    expect(landing).toContain("yeastar-call-reports/simulator");
    expect(landing).not.toMatch(/Modules\s*index/);
    await api.goto(new URL("api/modules/yeastar-call-reports.html", page0).href);
    await api.getByRole("link", { name: "createYeastarClient" }).last().waitFor({ timeout: 15_000 });
    const body = await api.innerText("body");
    expect(body).toContain("YeastarFileError");
    expect(body).toContain("HTTP reference (the spec)");
    expect(leftFrom(api)).toEqual([]);
    await api.screenshot({ path: path.join(root, "test-output/docs-library-api.png") });
    await api.close();
  });

  it("documents event 30027 as a webhook", async () => {
    await page.goto(`${page0}#/events/reportdownloadevent`);
    await page.getByText("Event 30027: an asynchronous call report is ready").first().waitFor();
    const body = await page.innerText("body");
    expect(body).toMatch(/X-Signature/i);
    expect(body).toContain("download_resource_url");
    await page.screenshot({ path: path.join(root, "test-output/docs-event-30027.png") });
  });
});
