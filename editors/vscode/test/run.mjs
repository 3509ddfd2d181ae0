// Drives the summit-ls extension in code-server (VS Code in a browser) with headless
// Chromium: installs the .vsix, opens the seed corpus, hovers "Kerry" in 002 (and saves
// a screenshot), hovers just past an en space in 004 (UTF-16 columns: VS Code offers no
// other encoding), and reads the Problems panel on a raw seed. Exits 1 on any mismatch.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const here = resolve(import.meta.dirname);
const { SUMMIT_LS, VSIX, WORKSPACE, SCRATCH, SCREENSHOT } = process.env;
const codeServer = join(here, 'node_modules', '.bin', 'code-server');
const userData = join(SCRATCH, 'user-data');
const extensions = join(SCRATCH, 'extensions');
mkdirSync(join(userData, 'User'), { recursive: true });
writeFileSync(
  join(userData, 'User', 'settings.json'),
  JSON.stringify({
    'summit-ls.server.path': SUMMIT_LS,
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'editor.hover.delay': 100,
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
  }),
);
const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
execFileSync(codeServer, [...common, '--install-extension', VSIX], { stdio: 'inherit' });

let passed = 0;
let failed = 0;
function check(ok, what, detail) {
  if (ok) {
    passed++;
    console.log(`ok: ${what}`);
  } else {
    failed++;
    console.log(`FAIL: ${what}${detail === undefined ? '' : `: ${detail}`}`);
  }
}

const port = 18000 + Math.floor(Math.random() * 1000);
const server = spawn(
  codeServer,
  [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', WORKSPACE],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

// Opens `folder/name` by clicking it in the Explorer, as a person would, and makes
// sure from the breadcrumbs that it was that folder's file (corpora share names).
async function openFile(page, relative) {
  const [folder, name] = relative.split('/');
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  const folderRow = rows.filter({ hasText: folder }).first();
  if ((await folderRow.getAttribute('aria-expanded')) !== 'true') {
    await folderRow.click();
  }
  await rows.filter({ hasText: folder }).and(page.locator('[aria-expanded="true"]')).first().waitFor();
  const files = rows.filter({ hasText: name });
  await files.first().waitFor();
  for (let i = 0; i < (await files.count()); i++) {
    await files.nth(i).click();
    const crumbs = page.locator('.breadcrumbs-control', { hasText: `${folder}` }).filter({ hasText: name });
    if (await crumbs.first().waitFor({ timeout: 5000 }).then(() => true, () => false)) {
      return;
    }
  }
  throw new Error(`could not open ${relative} from the Explorer`);
}

async function hoverText(page, span) {
  await span.hover({ position: { x: 8, y: 6 } });
  const hover = page.locator('.monaco-hover-content').last();
  await hover.waitFor({ state: 'visible', timeout: 30000 });
  return hover.innerText();
}

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  for (let i = 0; i < 60; i++) {
    try {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(WORKSPACE)}`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });

  // 002: hover "Kerry" at the start of "Kerry forwards President Obama's ...".
  await openFile(page, 'seeds/002_570dadb1797cfef4.txt');
  const kerryLine = page.locator('.view-line', { hasText: 'Kerry forwards' });
  await kerryLine.waitFor({ timeout: 30000 });
  // The extension gives a corpus's .txt files the Summit language once it is active.
  const mode = page.locator('.statusbar-item[id="status.editor.mode"]', { hasText: 'Summit report' });
  const switched = await mode.waitFor({ timeout: 60000 }).then(() => true, () => false);
  check(switched, 'a report opens as a Summit report', await page.locator('.statusbar-item[id="status.editor.mode"]').innerText());
  let hover = '';
  for (let attempt = 0; attempt < 10 && !hover.includes('Secretary of State'); attempt++) {
    // The server may still be indexing; move away and hover again.
    await page.mouse.move(5, 5);
    hover = await hoverText(page, kerryLine.locator('span span').first()).catch(() => '');
  }
  check(hover.includes('John Kerry: United States Secretary of State on 2014-02-14'), 'hover on Kerry in 002', hover);
  if (SCREENSHOT) {
    // Let the hover's fade-in finish.
    await page.waitForTimeout(800);
    await page.screenshot({ path: SCREENSHOT });
  }

  // 004: the mention just past an en space, in UTF-16 columns.
  await page.mouse.move(5, 5);
  await openFile(page, 'seeds/004_bfd07e8ce2afdc7f.txt');
  const bidenLine = page.locator('.view-line', { hasText: 'upon invitation' });
  await bidenLine.waitFor({ timeout: 30000 });
  const biden = bidenLine.locator('span span', { hasText: 'US President Joe Biden' }).first();
  hover = await hoverText(page, biden).catch((e) => String(e));
  check(hover.includes('Joe Biden: President of the United States on 2023-11-15'), 'hover after an en space (UTF-16)', hover);

  // A raw seed: the Problems panel says it has no front matter.
  await page.mouse.move(5, 5);
  await openFile(page, 'raw/000_bd05f014e72710d3.txt');
  await page.locator('.view-line', { hasText: 'Jointly Meet the Press' }).first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Control+Shift+M');
  const problem = page.locator('.markers-panel', { hasText: 'this report has no front matter' });
  const shown = await problem.waitFor({ timeout: 30000 }).then(() => true, () => false);
  check(shown, 'the Problems panel shows missing-front-matter on a raw seed');
} catch (err) {
  check(false, 'the run', err);
  const page = browser.contexts()[0]?.pages()[0];
  if (page && process.env.FAILURE_SCREENSHOT) {
    await page.screenshot({ path: process.env.FAILURE_SCREENSHOT });
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
