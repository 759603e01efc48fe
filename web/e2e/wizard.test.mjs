// One walk through the web app in real headless Chromium against the real `relsynth serve`: the
// whole wizard on the demo database, an execution to "succeeded", its report, xlsx and Parquet
// downloads read back by relsynth, a re-run with another seed, rename and delete; then the wizard
// on a CSV folder whose keys are inferred; then a SQLite file given as a database URL and an
// execution cancelled from its page. Screenshots of every step (docs/ui/ via `npm run screenshots`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { accessibilityProblems, rowCounts, screenshot, startBrowser, startServer } from './harness.mjs';

const EXECUTION_TIMEOUT = 120_000;
let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = browser.page;
  page.setDefaultTimeout(30_000);
});

after(async () => {
  await browser?.stop();
  await server?.stop();
});

/** Goes to the next step by keyboard: the link takes the focus, Enter follows it. */
async function next(title) {
  await page.getByRole('link', { name: `Next: ${title}` }).focus();
  await page.keyboard.press('Enter');
}
const heading = (text) => page.getByRole('heading', { level: 1, name: text }).waitFor();
const saved = () => page.getByText(/Plan saved/).waitFor();
const api = async (route) => (await fetch(`${server.url}${route}`)).json();

/** Waits for the shown execution to end; it must have succeeded (else its error is the failure). */
async function waitForSuccess() {
  const badge = page.locator('#execution-heading .badge', { hasText: /succeeded|failed|cancelled/ });
  await badge.waitFor({ timeout: EXECUTION_TIMEOUT });
  const status = await badge.textContent();
  if (status !== 'succeeded') assert.fail(`execution ${status}: ${await page.locator('.detail .error').textContent()}`);
}

/** Every page the walk screenshots is also checked for accessibility problems. */
async function shoot(name, show) {
  await screenshot(page, name, show);
  assert.deepEqual(await accessibilityProblems(page), [], `accessibility of ${name}`);
}

async function download(format, folder) {
  await page.getByLabel('Download as').selectOption(format);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download' }).click()]);
  const target = path.join(folder, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

test('the wizard on the demo database, an execution, its outputs, re-run, rename, delete', async () => {
  await page.goto(`${server.url}/wizard/source`);
  await heading('Step 1: Source');

  // 1 Source: the server's files, a connection test, the plan, a preview.
  await page.getByRole('button', { name: /^Use as source\W+retail\.sqlite$/ }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByText(/Connected \(sqlite\): 8 tables/).waitFor();
  await page.getByRole('button', { name: 'Use this source' }).click();
  await page.getByRole('heading', { name: "The plan's source" }).waitFor();
  await page.getByRole('button', { name: /Preview the first rows/ }).click();
  await page.getByRole('region', { name: 'Rows of customers' }).waitFor();
  await saved();
  await shoot('01-source');

  // 2 Choose data: leave out the reviews table and the customers' phone column.
  await next('Choose data');
  await heading('Step 2: Choose data');
  await page.getByLabel('reviews').focus();
  await page.keyboard.press('Space');
  await page.getByRole('row', { name: /customers/ }).locator('summary').click();
  await page.getByRole('checkbox', { name: /^phone/ }).uncheck();
  await page.getByText('7 of 8 tables in').waitFor();
  await saved();
  await shoot('02-choose-data');

  // 3 Primary keys: the declared ones are ticked.
  await next('Primary keys');
  await heading('Step 3: Primary keys');
  const customersKey = page.getByRole('group', { name: 'customers' });
  assert.equal(await customersKey.getByRole('checkbox', { name: /customer_id/ }).isChecked(), true);
  await shoot('03-primary-keys');

  // 4 Foreign keys: the graph; unset one and set it again by hand.
  await next('Foreign keys');
  await heading('Step 4: Foreign keys');
  assert.equal(await page.locator('svg.graph .node').count(), 8);
  await page.getByRole('button', { name: 'Remove the foreign key payments.order_id → orders' }).click();
  await page.getByLabel('Child table').selectOption('payments');
  await page.getByLabel('References table').selectOption('orders');
  await page.getByLabel('Column of payments → orders.order_id').selectOption('order_id');
  await page.getByRole('button', { name: 'Add foreign key' }).click();
  await page.getByRole('cell', { name: 'set by hand' }).waitFor();
  await saved();
  await shoot('04-foreign-keys');

  // 5 Data treatment: a refused treatment shows the validator's alert on its row; then a valid one.
  await next('Data treatment');
  await heading('Step 5: Data treatment');
  await page.getByLabel('Treatment of customers.email').selectOption('keep');
  await page.locator('tr.has-error', { hasText: 'email' }).getByText(/not allowed on a sensitive column/).waitFor();
  await page.getByLabel('Treatment of customers.email').selectOption('pattern');
  await page.getByLabel('Pattern').fill('[a-z]{6}\\.\\d{4}@example\\.com');
  await page.getByLabel('unique').check();
  await page.getByLabel('Treatment of customers.last_name').selectOption('fake');
  await page.locator('tr', { hasText: 'last_name' }).getByLabel('Locale').selectOption('de_DE');
  await page.getByRole('button', { name: /^segment:/ }).click();
  assert.equal(await page.getByRole('button', { name: /^segment:/ }).getAttribute('aria-pressed'), 'true');
  await page.locator('tr.has-error').waitFor({ state: 'detached' });
  await saved();
  await shoot('05-data-treatment');

  // 6 Synth settings: the generation's seed; a smaller model from the advanced settings.
  await next('Synth settings');
  await heading('Step 6: Synth settings');
  await page.getByLabel(/^generation\.seed/).fill('7');
  await page.getByText(/^Advanced/).click();
  await page.getByLabel(/^training\.trees/).fill('4');
  await saved();
  await shoot('06-synth-settings');

  // 7 Destination: a SQLite file, its write access checked, then Create.
  await next('Destination');
  await heading('Step 7: Destination');
  await page.getByLabel('Output kind').selectOption('sqlite');
  await page.getByLabel('Destination', { exact: true }).fill('out/retail.synthetic.sqlite');
  await page.getByRole('button', { name: 'Check write access' }).click();
  await page.getByText(/^Writable/).waitFor();
  await page.getByLabel('Execution name (optional)').fill('first');
  const create = page.getByRole('button', { name: 'Create', exact: true });
  await page.waitForFunction(() => !document.querySelector('button.primary')?.hasAttribute('disabled'));
  await shoot('07-destination');
  await create.click();

  // The execution: live timeline to "succeeded", report, preview, downloads.
  await page.waitForURL(/\/executions\/\d+$/);
  const first = Number(page.url().split('/').pop());
  await page.locator('ol.timeline li', { hasText: 'training' }).first().waitFor({ state: 'attached' });
  await shoot('08-execution-running');
  await waitForSuccess();
  await page.getByText(/rows written/).waitFor();
  const report = page.frameLocator('iframe.report');
  await report.locator('body').getByText(/quality/i).first().waitFor();
  await page.getByLabel('Preview table').selectOption('orders');
  await page.getByRole('region', { name: 'Rows of orders' }).waitFor();
  await page.getByRole('button', { name: 'Next rows' }).click();
  await page.getByText(/^orders: rows 21–40 of [\d,]+$/).waitFor();
  await shoot('09-execution-succeeded', page.locator('#report-heading'));

  const output = Object.fromEntries((await api(`/api/executions/${first}/output`)).tables.map((t) => [t.name, t.rows]));
  assert.equal(output.reviews, undefined, 'an excluded table is not written');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'relsynth-ui-downloads-'));
  try {
    assert.deepEqual(rowCounts(await download('xlsx', folder)), output);
    assert.deepEqual(rowCounts(await download('parquet', folder)), output);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }

  // Re-run with another seed: a new execution that reuses the model.
  await page.getByLabel('Seed').fill('8');
  await page.getByRole('button', { name: 'Re-run' }).click();
  await page.waitForURL((url) => url.pathname !== `/executions/${first}`);
  const second = Number(page.url().split('/').pop());
  await waitForSuccess();
  await page.getByText(`reused the model of execution ${first}`).waitFor();

  // Rename it, then delete the first one.
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('New name').fill('seed 8');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByRole('heading', { level: 2, name: /^seed 8/ }).waitFor();
  await page.getByRole('link', { name: /^seed 8/ }).waitFor();
  await page.frameLocator('iframe.report').locator('h1').first().waitFor();
  await shoot('10-history');
  await page.getByRole('link', { name: /^first/ }).click();
  await page.waitForURL(`**/executions/${first}`);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL(/\/executions$/);
  await page.getByRole('link', { name: /^first/ }).waitFor({ state: 'detached' });
  const ids = (await api('/api/executions')).executions.map((e) => e.id);
  assert.deepEqual(ids, [second]);
});

test('the wizard on a CSV folder: inferred keys, Parquet files out', async () => {
  await page.goto(`${server.url}/wizard/source`);
  // An upload of the same files lands under uploads/ and becomes the source field's value.
  await page.getByLabel('Upload files').check();
  const csvs = ['customers.csv', 'orders.csv'].map((f) => path.join(server.root, 'shop', f));
  await page.getByLabel(/^Files/).setInputFiles(csvs);
  await page.getByLabel(/^Folder name/).fill('shop-upload');
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#source-uri')?.value.includes('uploads/shop-upload'));
  assert.ok(fs.existsSync(path.join(server.root, 'uploads/shop-upload/orders.csv')));
  await page.getByLabel('A file or folder on the server').check();
  await page.getByRole('button', { name: /^Use as source\W+shop$/ }).click();
  await page.getByRole('button', { name: 'Start a new plan from this source' }).click();
  await page.getByText(/csv:shop/).first().waitFor();
  await page.getByRole('heading', { name: "The plan's source" }).waitFor();
  await saved();
  for (const [title, n] of [['Choose data', 2], ['Primary keys', 3]]) {
    await next(title);
    await heading(`Step ${n}: ${title}`);
  }
  await next('Foreign keys');
  await heading('Step 4: Foreign keys');
  await page.locator('.badge.inferred').first().waitFor();
  await shoot('11-csv-inferred-foreign-keys');
  for (const [title, n] of [['Data treatment', 5], ['Synth settings', 6], ['Destination', 7]]) {
    await next(title);
    await heading(`Step ${n}: ${title}`);
  }
  await page.getByLabel('Output kind').selectOption('parquet');
  await page.getByLabel('Destination', { exact: true }).fill('parquet:out/shop');
  await page.waitForFunction(() => !document.querySelector('button.primary')?.hasAttribute('disabled'));
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForURL(/\/executions\/\d+$/);
  await waitForSuccess();
  const id = Number(page.url().split('/').pop());
  const output = Object.fromEntries((await api(`/api/executions/${id}/output`)).tables.map((t) => [t.name, t.rows]));
  assert.deepEqual(output, rowCounts(path.join(server.root, 'out/shop')));
});

test('a SQLite file as a database URL; an execution cancelled while it runs', async () => {
  await page.goto(`${server.url}/wizard/source`);
  await page.getByLabel('A database URL').check();
  await page.getByLabel('Source', { exact: true }).fill('sqlite:retail.sqlite');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByText(/Connected \(sqlite\): 8 tables/).waitFor();
  await page.getByRole('button', { name: 'Start a new plan from this source' }).click();
  await page.getByText('sqlite:retail.sqlite', { exact: true }).waitFor();
  await page.getByRole('button', { name: /Preview the first rows/ }).click();
  await page.getByRole('region', { name: 'Rows of customers' }).waitFor();
  await saved();

  // Big enough to be still running when Cancel is pressed (it stops at its next progress event).
  await page.getByRole('link', { name: /Synth settings$/ }).click();
  await heading('Step 6: Synth settings');
  await page.getByLabel(/^generation\.scale/).fill('200');
  await saved();
  await next('Destination');
  await heading('Step 7: Destination');
  await page.getByLabel('Destination', { exact: true }).fill('out/cancelled.sqlite');
  await page.waitForFunction(() => !document.querySelector('button.primary')?.hasAttribute('disabled'));
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForURL(/\/executions\/\d+$/);
  const id = Number(page.url().split('/').pop());
  await page.locator('ol.timeline li.step-running').first().waitFor();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.locator('#execution-heading .badge', { hasText: 'cancelled' }).waitFor({ timeout: EXECUTION_TIMEOUT });
  await page.locator('ol.timeline li.step-cancelled').first().waitFor();
  await page.getByRole('alert').getByText(/^Cancelled/).waitFor();
  await page.getByRole('button', { name: 'Cancel', exact: true }).waitFor({ state: 'detached' });
  await shoot('12-execution-cancelled');
  const detail = await api(`/api/executions/${id}`);
  assert.equal(detail.status, 'cancelled');
  assert.equal(detail.rows_written, null);
  assert.equal(fs.existsSync(path.join(server.root, 'out/cancelled.sqlite')), false, 'a cancelled execution writes no destination');
  assert.deepEqual(browser.errors, [], 'no script errors in the page');
});
