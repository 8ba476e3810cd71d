// The Marketplace screenshot: the roadmap of samples/okrs (unit checkout,
// quarters view) exported as HTML by the CLI and photographed in headless
// Chromium at 1280×800 → docs/images/preview.png. Needs a build (dist/) and
// Debian's chromium. Run: node scripts/screenshot.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'okr-shot-'));
const html = join(dir, 'roadmap.html');
execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'roadmap', join(root, 'samples/okrs'), '--unit', 'checkout', '--view', 'quarters', '--as-of', '2026-08-20', '--out', html], { stdio: 'inherit' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: 'light' });
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector('.board');
  const out = join(root, 'docs/images/preview.png');
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
