// What the end-to-end tests stand on: a temporary --root with the demo database and a CSV folder,
// the real `relsynth serve` on a free port, and Debian's Chromium driven by playwright-core.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import UPNG from 'upng-js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const relsynth = path.resolve(here, '..', process.env.RELSYNTH_BIN ?? '../build/relsynth');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots go to a temporary folder unless SCREENSHOTS names one (`npm run screenshots`: docs/ui). */
export const shots = process.env.SCREENSHOTS ? path.resolve(here, '..', process.env.SCREENSHOTS) : fs.mkdtempSync(path.join(os.tmpdir(), 'relsynth-ui-shots-'));

/** A CSV folder whose keys are not declared: inference must find customers' key and orders' link. */
function writeCsvFolder(folder) {
  fs.mkdirSync(folder, { recursive: true });
  const segments = ['retail', 'business', 'public'];
  const customers = ['customer_id,name,segment,city'];
  for (let i = 1; i <= 60; i++) customers.push(`${i},Person ${i},${segments[i % 3]},${['Berlin', 'Paris', 'Rome', 'Madrid'][i % 4]}`);
  const orders = ['order_id,customer_id,amount,status'];
  for (let i = 1; i <= 240; i++) orders.push(`${i},${1 + ((i * 7) % 60)},${(10 + ((i * 37) % 500) / 10).toFixed(2)},${i % 5 ? 'paid' : 'open'}`);
  fs.writeFileSync(path.join(folder, 'customers.csv'), customers.join('\n') + '\n');
  fs.writeFileSync(path.join(folder, 'orders.csv'), orders.join('\n') + '\n');
}

export async function startServer() {
  if (!fs.existsSync(relsynth)) throw new Error(`no relsynth binary at ${relsynth} (set RELSYNTH_BIN)`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'relsynth-ui-'));
  const root = path.join(work, 'root');
  fs.mkdirSync(root);
  const demoTool = process.env.RELSYNTH_DEMO_DB_TOOL ?? path.join(path.dirname(relsynth), 'relsynth_demo_db');
  execFileSync(demoTool, [path.join(root, 'retail.sqlite'), '--overwrite'], { stdio: 'ignore' });
  writeCsvFolder(path.join(root, 'shop'));
  // --port 0: the server picks a free port and prints its URL as the first line.
  const logFile = path.join(work, 'serve.log');
  const child = spawn(relsynth, ['serve', '--root', root, '--port', '0', '-q'], { stdio: ['ignore', 'pipe', fs.openSync(logFile, 'w')] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`relsynth serve printed no URL: ${out}${fs.readFileSync(logFile, 'utf8')}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /(http:\/\/[^\s/]+)\//.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`relsynth serve exited (${code}): ${fs.readFileSync(logFile, 'utf8')}`)));
  });
  child.stdout.resume();
  return {
    root,
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

export async function startBrowser() {
  if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'relsynth-ui-chromium-'));
  // Without the background-networking flags Chromium waits on services this closed network lacks.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    page,
    errors,
    async stop() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The page's serious and critical accessibility violations by axe-core (labels, names, contrast, roles). */
export async function accessibilityProblems(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

/** A 1280x800 screenshot from the top of the page (or with `show` scrolled into view), quantized to 64 colours (~35 KB). */
export async function screenshot(page, name, show) {
  if (show) await show.scrollIntoViewIfNeeded();
  else await page.evaluate(() => window.scrollTo(0, 0));
  const png = await page.screenshot();
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.length));
  fs.mkdirSync(shots, { recursive: true });
  fs.writeFileSync(path.join(shots, `${name}.png`), Buffer.from(UPNG.encode(UPNG.toRGBA8(image), image.width, image.height, 64)));
}

/** Each table's row count in an output file, as relsynth itself reads it back. */
export function rowCounts(file) {
  const metadata = JSON.parse(execFileSync(relsynth, ['inspect', file, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  return Object.fromEntries(metadata.tables.map((t) => [t.name, t.row_count]));
}
