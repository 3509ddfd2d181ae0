// Drives the summit-ls extension in code-server (VS Code in a browser) with headless
// Chromium: installs the .vsix, opens the seed corpus, hovers "Kerry" in 002 (and saves
// a screenshot), hovers just past an en space in 004 (UTF-16 columns: VS Code offers no
// other encoding), checks the report defaults (word wrap, no unicode boxes), the colours
// of people, dates, places and meetings in the default dark and light themes, reads the
// Problems panel on a raw seed, lists a closed report's problem there, goes to a
// meeting's report with F12, shows and clicks the code lens on its meeting line, shows
// an inlay hint, opens the corpus overview and clicks a meeting there, applies the
// insert-front-matter
// quick fix, restarts the server, and points it at a missing binary.
// Exits 1 on any mismatch.
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
const settings = {
  'summit-ls.server.path': SUMMIT_LS,
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'editor.hover.delay': 100,
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
};
/** Writes the user settings before code-server starts. */
function setUserSettings(changes) {
  Object.assign(settings, changes);
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings));
}

/**
 * Changes user settings as a user would, in settings.json opened from the command
 * palette and saved (code-server does not see the file written from outside).
 */
async function changeSettings(page, changes) {
  Object.assign(settings, changes);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.keyboard.type('Preferences: Open User Settings (JSON)');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open User Settings (JSON)' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.view-line', { hasText: 'summit-ls.server.path' }).first().waitFor({ timeout: 30000 });
  await page.locator('.view-line', { hasText: 'summit-ls.server.path' }).first().click();
  await page.keyboard.press('Control+A');
  // Inserted whole, without the typing that would auto-close quotes and brackets.
  await page.keyboard.insertText(JSON.stringify(settings, null, 2));
  // Whatever the editor closed for us after the cursor goes.
  await page.keyboard.press('Control+Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(1500);
}
setUserSettings({});
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
    if (await crumbs.first().waitFor({ timeout: 15000 }).then(() => true, () => false)) {
      return;
    }
  }
  // Quick Open, as a person would when the Explorer does not oblige.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await page.keyboard.type(`${folder}/${name}`);
  // Recently opened files head the list and corpora share names: the row must name
  // the folder too.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).filter({ hasText: folder });
  await row.first().waitFor();
  await row.first().click();
  const crumbs = page.locator('.breadcrumbs-control', { hasText: `${folder}` }).filter({ hasText: name });
  if (await crumbs.first().waitFor({ timeout: 15000 }).then(() => true, () => false)) {
    return;
  }
  throw new Error(`could not open ${relative} from the Explorer or Quick Open`);
}

/** A span's whole text, whatever spaces Monaco renders (it writes non-breaking ones). */
function exactly(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s')}$`);
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

  // Closed reports' problems: no raw seed has been opened, yet the Problems panel lists
  // their missing front matters (pulled with workspace/diagnostic).
  await page.mouse.move(5, 5);
  await page.keyboard.press('Control+Shift+M');
  const closedRow = page.locator('.markers-panel .monaco-list-row', { hasText: '003_1bc3eefbf81d6a5d.txt' });
  const closedProblem = page.locator('.markers-panel', { hasText: 'this report has no front matter' });
  const listed = await closedProblem
    .waitFor({ timeout: 60000 })
    .then(() => closedRow.first().waitFor({ timeout: 10000 }))
    .then(() => true, () => false);
  check(listed, "the Problems panel lists a closed report's missing front matter");
  if (process.env.SCREENSHOT_PROBLEMS) {
    await page.screenshot({ path: process.env.SCREENSHOT_PROBLEMS });
  }
  // The panel closed again, for the editor's room.
  await page.keyboard.press('Control+J');

  // 004: the mention just past an en space, in UTF-16 columns.
  await page.mouse.move(5, 5);
  await openFile(page, 'seeds/004_bfd07e8ce2afdc7f.txt');
  // Reports wrap, so the line is found by the words around the mention.
  const bidenLine = page.locator('.view-line', { hasText: 'US President Joe Biden' }).first();
  await bidenLine.waitFor({ timeout: 30000 });
  // The mention's own span: there once the semantic tokens have come.
  const biden = bidenLine.locator('span span').filter({ hasText: exactly('US President Joe Biden') }).first();
  await biden.waitFor({ timeout: 30000 }).catch(() => undefined);
  hover = await hoverText(page, biden).catch((e) => String(e));
  check(hover.includes('Joe Biden: President of the United States on 2023-11-15'), 'hover after an en space (UTF-16)', hover);

  // Report defaults: long lines wrap, and the news text's ’ and en spaces get no boxes.
  // Monaco writes spaces as non-breaking ones; \s matches both.
  const wrapped = (await page.locator('.view-line', { hasText: 'Mao Ning: On November 15' }).first().innerText()).replace(/\s+/g, ' ');
  check(
    wrapped.includes('Mao Ning: On November 15') && !wrapped.includes('far-reaching significance'),
    'a long paragraph wraps',
    wrapped.length,
  );
  const boxes = await page.locator('.monaco-editor .unicode-highlight').count();
  check(boxes === 0, 'no unicode-highlight boxes on ’ and en spaces', boxes);

  // Colours: a person, a date, a place and a meeting in 000, in four colours, in the
  // default dark theme and then the default light one. Unwrapped, so that no mention
  // is cut in two by the wrap.
  await page.mouse.move(5, 5);
  await changeSettings(page, { '[summit]': { 'editor.wordWrap': 'off' } });
  const kinds = {
    person: exactly('President Barack Obama'),
    date: exactly('November 12, 2014'),
    place: exactly('Great Hall of the People'),
    // A place inside a meeting reference keeps its colour and cuts the meeting's.
    meeting: /^\s*(Annenberg\sEstate\s)?meeting$/,
  };
  // A semantic token is a span of its own: an exact match waits for the tokens.
  const colours = async (wait) => {
    const out = {};
    for (const [kind, text] of Object.entries(kinds)) {
      const scope =
        kind === 'meeting'
          ? page.locator('.view-line', { hasText: 'Annenberg Estate meeting' }).first()
          : page.locator('.view-lines').first();
      const span = scope.locator('span span').filter({ hasText: text }).first();
      out[kind] = await span
        .waitFor({ timeout: wait })
        .then(() => span.evaluate((el) => getComputedStyle(el).color))
        .catch(() => 'none');
    }
    return out;
  };
  const distinct = (c) => !Object.values(c).includes('none') && new Set(Object.values(c)).size === 4;
  // Whether the editor's background is dark, once the theme asked for is applied.
  const themeIs = async (dark) => {
    for (let i = 0; i < 60; i++) {
      const rgb = await page
        .locator('.monaco-editor-background')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor)
        .catch(() => '');
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      if (r !== undefined && (r + g + b < 384) === dark) {
        return true;
      }
      await page.waitForTimeout(500);
    }
    return false;
  };
  for (const [theme, dark] of [['Default Dark Modern', true], ['Default Light Modern', false]]) {
    await changeSettings(page, { 'workbench.colorTheme': theme });
    await openFile(page, 'seeds/000_bd05f014e72710d3.txt');
    const applied = await themeIs(dark);
    const seen = await colours(30000);
    check(applied && distinct(seen), `four colours in ${theme}`, JSON.stringify(seen));
    const shot = process.env[dark ? 'SCREENSHOT_COLOURS_DARK' : 'SCREENSHOT_COLOURS_LIGHT'];
    if (shot) {
      await page.screenshot({ path: shot });
    }
  }

  // F12 on "the meeting in San Francisco in 2023" in 003 lands on 004, that meeting's
  // report. The cursor is put there with Find, as a person would.
  await page.mouse.move(5, 5);
  await openFile(page, 'seeds/003_1bc3eefbf81d6a5d.txt');
  await page.locator('.view-line', { hasText: 'Sunday' }).first().waitFor({ timeout: 30000 });
  const findAndPlace = async (text) => {
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+F');
    await page.keyboard.insertText(text);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    // The match is selected; Left puts the cursor at its start.
    await page.keyboard.press('ArrowLeft');
  };
  await findAndPlace('meeting in San Francisco in 2023');
  await page.keyboard.press('F12');
  const landed = await page
    .locator('.breadcrumbs-control', { hasText: '004_bfd07e8ce2afdc7f.txt' })
    .first()
    .waitFor({ timeout: 30000 })
    .then(() => true, () => false);
  const onMeetingLine = await page
    .locator('.view-line', { hasText: 'meeting: san-francisco-2023' })
    .first()
    .waitFor({ timeout: 30000 })
    .then(() => true, () => false);
  check(landed && onMeetingLine, 'F12 on a meeting reference in 003 lands on the meeting: line of 004');
  if (process.env.SCREENSHOT_DEFINITION) {
    await page.screenshot({ path: process.env.SCREENSHOT_DEFINITION });
  }

  // The code lens above 004's meeting line counts its meeting's reports and who refers
  // to it; clicking it shows the references in the peek, 003's `related` among them.
  const lens = page.locator('.codelens-decoration', { hasText: 'referred to by 1 meeting' }).first();
  const lensText = await lens
    .waitFor({ timeout: 30000 })
    .then(() => lens.innerText(), () => page.locator('.codelens-decoration').allInnerTexts().then(String));
  check(/^1 report( · \d+ mentions?)? · referred to by 1 meeting$/.test(lensText.trim()), "a code lens on 004's meeting line", lensText);
  if (lensText.includes('referred to by')) {
    await lens.locator('a').first().click();
    const peek = page.locator('.reference-zone-widget', { hasText: '003_1bc3eefbf81d6a5d.txt' });
    const peeked = await peek.first().waitFor({ timeout: 30000 }).then(() => true, () => false);
    check(peeked, 'clicking the lens shows its references, 003 among them');
    if (process.env.SCREENSHOT_LENS) {
      await page.screenshot({ path: process.env.SCREENSHOT_LENS });
    }
    await page.keyboard.press('Escape');
  }

  // Inlay hints: "Sunday" in 003 is shown with the day it resolves to.
  await page.mouse.move(5, 5);
  await openFile(page, 'seeds/003_1bc3eefbf81d6a5d.txt');
  const sundayLine = page.locator('.view-line', { hasText: 'Sunday' }).first();
  await sundayLine.waitFor({ timeout: 30000 });
  // Scrolled to it, for the screenshot to show it.
  await findAndPlace('Sunday');
  let inlay = '';
  for (let attempt = 0; attempt < 30 && !inlay.includes('2024-11-17'); attempt++) {
    inlay = await sundayLine.innerText().catch(() => '');
    if (!inlay.includes('2024-11-17')) {
      await page.waitForTimeout(500);
    }
  }
  check(inlay.includes('Sunday') && inlay.includes('2024-11-17'), 'an inlay hint shows 2024-11-17 after Sunday', inlay.slice(0, 200));
  if (process.env.SCREENSHOT_INLAY) {
    await page.screenshot({ path: process.env.SCREENSHOT_INLAY });
  }

  // The corpus overview of 003's corpus, beside the editor: a webview whose page names
  // the seeds' meetings; clicking the San Francisco 2023 meeting opens 004 at its
  // `meeting:` line.
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.keyboard.type('summit-ls: Show corpus overview');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show corpus overview' }).first().waitFor();
  await page.keyboard.press('Enter');
  const overviewTab = page.locator('.tabs-container .tab', { hasText: 'Corpus overview' });
  const tabOpened = await overviewTab.first().waitFor({ timeout: 30000 }).then(() => true, () => false);
  check(tabOpened, 'Show corpus overview opens a "Corpus overview" tab');
  // The webview's page is two frames deep: VS Code's host frame, then the page's.
  const webview = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  const heading = webview.locator('h2', { hasText: 'Meetings' });
  const drawn = await heading.first().waitFor({ timeout: 60000 }).then(() => true, () => false);
  const webviewText = drawn ? await webview.locator('body').innerText().catch(() => '') : '';
  check(
    drawn && webviewText.includes('Who met whom') && webviewText.includes('Xi Jinping'),
    "the overview's webview shows the seeds' meetings",
    webviewText.slice(0, 200),
  );
  if (process.env.SCREENSHOT_OVERVIEW) {
    await page.screenshot({ path: process.env.SCREENSHOT_OVERVIEW });
  }
  if (drawn) {
    const mark = webview.locator('a[data-uri*="004_bfd07e8ce2afdc7f.txt"] circle').first();
    await mark.click({ force: true });
    const opened004 = await page
      .locator('.breadcrumbs-control', { hasText: 'seeds' })
      .filter({ hasText: '004_bfd07e8ce2afdc7f.txt' })
      .first()
      .waitFor({ timeout: 30000 })
      .then(() => true, () => false);
    const selected = await page
      .locator('.view-line', { hasText: 'meeting: san-francisco-2023' })
      .first()
      .waitFor({ timeout: 30000 })
      .then(() => true, () => false);
    check(opened004 && selected, 'clicking a meeting in the overview opens 004 at its meeting: line');
  }
  // Closed again, so the editors that follow open in the one group.
  if (tabOpened) {
    await overviewTab.first().click();
    await overviewTab.first().locator('.tab-actions .action-label').first().click({ force: true }).catch(() => undefined);
    await overviewTab.first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => undefined);
  }

  // A quick fix applied: the workspace's copy of raw 003 gets the inferred front matter.
  await page.mouse.move(5, 5);
  await openFile(page, 'raw/003_1bc3eefbf81d6a5d.txt');
  await page.locator('.view-line', { hasText: 'Chinese foreign ministry spokesperson' }).first().waitFor({ timeout: 30000 });
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+Home');
  const insertFix = page.locator('.action-widget .monaco-list-row', { hasText: 'Insert a front matter inferred from the text' });
  let offered = false;
  for (let attempt = 0; attempt < 10 && !offered; attempt++) {
    // The diagnostics may still be on their way: ask again until the fix is offered.
    await page.keyboard.press('Control+.');
    offered = await insertFix.first().waitFor({ timeout: 3000 }).then(() => true, () => false);
    if (!offered) {
      await page.keyboard.press('Escape');
    }
  }
  if (offered) {
    // The menu opens on its first fix, this one (a click is caught by the menu's
    // pointer block while it settles).
    const focused = await insertFix.first().getAttribute('class');
    if (!focused?.includes('focused')) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
  }
  const fenced = await page
    .locator('.view-line', { hasText: 'participants: [xi-jinping, joe-biden]' })
    .first()
    .waitFor({ timeout: 30000 })
    .then(() => true, () => false);
  check(offered && fenced, 'the quick fix inserts the inferred front matter into raw 003');
  if (process.env.SCREENSHOT_QUICKFIX) {
    await page.screenshot({ path: process.env.SCREENSHOT_QUICKFIX });
  }
  // Left unsaved and reverted, so the file stays as it was.
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.keyboard.type('File: Revert File');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Revert File' }).first().waitFor();
  await page.keyboard.press('Enter');

  // A raw seed: the Problems panel says it has no front matter.
  await page.mouse.move(5, 5);
  await openFile(page, 'raw/000_bd05f014e72710d3.txt');
  await page.locator('.view-line', { hasText: 'Jointly Meet the Press' }).first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Control+Shift+M');
  const problem = page.locator('.markers-panel', { hasText: 'this report has no front matter' });
  const shown = await problem.waitFor({ timeout: 30000 }).then(() => true, () => false);
  check(shown, 'the Problems panel shows missing-front-matter on a raw seed');

  // A clean restart from the command palette: no error, and the server answers again.
  const toasts = page.locator('.notification-toast', { hasText: 'summit-ls' });
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.keyboard.type('summit-ls: Restart server');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Restart server' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(3000);
  check((await toasts.count()) === 0, 'a restart shows no error', await toasts.allInnerTexts());
  await page.mouse.move(5, 5);
  await openFile(page, 'seeds/002_570dadb1797cfef4.txt');
  hover = '';
  for (let attempt = 0; attempt < 10 && !hover.includes('Secretary of State'); attempt++) {
    await page.mouse.move(5, 5);
    hover = await hoverText(page, kerryLine.locator('span span').first()).catch(() => '');
  }
  check(hover.includes('John Kerry: United States Secretary of State'), 'the restarted server answers a hover', hover);

  // A binary that is not there: one message, naming it, with a way to the setting.
  await changeSettings(page, { 'summit-ls.server.path': '/nonexistent/summit-ls' });
  const failure = page.locator('.notification-toast', { hasText: 'cannot start the server' });
  const failed = await failure.first().waitFor({ timeout: 30000 }).then(() => true, () => false);
  const texts = await toasts.allInnerTexts();
  check(
    failed && texts.length === 1 && texts[0].includes('/nonexistent/summit-ls'),
    'a missing binary gives one message naming it',
    texts,
  );
  await failure.locator('.monaco-button', { hasText: 'Open settings' }).first().click();
  const opened = await page
    .locator('.settings-editor .setting-item-contents', { hasText: 'Path of the summit-ls binary' })
    .first()
    .waitFor({ timeout: 30000 })
    .then(() => true, () => false);
  check(opened, 'Open settings shows summit-ls.server.path');
  if (process.env.SCREENSHOT_FAILURE) {
    await page.screenshot({ path: process.env.SCREENSHOT_FAILURE });
  }
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
