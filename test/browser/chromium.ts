// Debian's Chromium, driven by puppeteer-core, for the browser tests: the system browser (setup
// installs it), headless, with every request of a page watched — any request to a host other than
// this machine's loopback is recorded and blocked, so a test can fail on it without the page
// reaching out.
import { existsSync } from "node:fs";
import puppeteer, { type Browser, type HTTPRequest, type Page } from "puppeteer-core";

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p));
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium is missing: npm run setup installs Debian's chromium (or set CHROMIUM to a Chrome or Chromium binary)");
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
      "--disable-dev-shm-usage",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider",
      "--font-render-hinting=none",
      "--lang=en-US",
    ],
    defaultViewport: { width: 1280, height: 900 },
  });
}

export function isLocal(url: string): boolean {
  if (url.startsWith("data:") || url.startsWith("blob:") || url === "about:blank") return true;
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  } catch {
    return false;
  }
}

/** What went wrong on a page while it was watched. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  externalRequests: string[];
  requests: number;
}

/** Watch a page: console errors, uncaught exceptions, failed requests (status ≥ 400 too), and requests to other hosts (blocked). */
export async function watchPage(page: Page, ignoreConsole: (text: string) => boolean = () => false): Promise<PageProblems> {
  const p: PageProblems = { consoleErrors: [], pageErrors: [], failedRequests: [], externalRequests: [], requests: 0 };
  await page.setRequestInterception(true);
  page.on("request", (req: HTTPRequest) => {
    p.requests++;
    if (!isLocal(req.url())) {
      p.externalRequests.push(req.url());
      void req.abort("blockedbyclient");
      return;
    }
    void req.continue();
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !ignoreConsole(m.text())) p.consoleErrors.push(`${m.text()} (${m.location().url ?? ""})`);
  });
  page.on("pageerror", (e) => p.pageErrors.push(String(e)));
  page.on("requestfailed", (req) => {
    if (isLocal(req.url())) p.failedRequests.push(`${req.url()}: ${req.failure()?.errorText ?? "failed"}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) p.failedRequests.push(`${res.url()}: HTTP ${res.status()}`);
  });
  return p;
}
