// summit-ls for VS Code: starts the server for the reports of a corpus (the .txt files
// under a folder with a corpus.toml) and for corpus.toml itself.
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import type { Location as LspLocation, Position as LspPosition } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let server: cp.ChildProcess | undefined;
let output: vscode.OutputChannel;
/** The corpus overview's panel while it is open, and the file or folder it shows. */
let overview: { panel: vscode.WebviewPanel; target: vscode.Uri } | undefined;
let overviewTimer: NodeJS.Timeout | undefined;

const SETTING = 'summit-ls.server.path';

/** The folder of the nearest corpus.toml at or above a file's folder. */
function corpusRoot(file: string): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'corpus.toml'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/** A plain-text file in a corpus is a report: give it the `summit` language. */
async function claim(doc: vscode.TextDocument): Promise<void> {
  const isReport =
    doc.uri.scheme === 'file' &&
    doc.languageId === 'plaintext' &&
    doc.fileName.endsWith('.txt') &&
    corpusRoot(doc.fileName) !== undefined;
  if (isReport) {
    await vscode.languages.setTextDocumentLanguage(doc, 'summit');
  }
}

/** Why a binary could not start, in words a user can act on. */
function reason(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such program (not on PATH, or no file at that path)';
    case 'EACCES':
      return 'the file is not executable';
    default:
      return err.message;
  }
}

/**
 * Starts the server process. The extension spawns it, not the client, so that a missing
 * binary is one message (the client's own would be two toasts without the setting), and
 * so that the normal exit after `shutdown` is not logged as an error.
 */
function spawnServer(command: string): Promise<cp.ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = cp.spawn(command, [], { stdio: 'pipe' });
    child.once('error', reject);
    child.once('spawn', () => {
      child.off('error', reject);
      child.on('error', (err) => output.appendLine(`summit-ls: ${err.message}`));
      child.on('exit', (code, signal) => {
        if (code === 0) {
          output.appendLine('summit-ls exited normally.');
        } else {
          output.appendLine(`summit-ls exited with ${code !== null ? `code ${code}` : `signal ${signal}`}.`);
        }
      });
      resolve(child);
    });
  });
}

async function start(): Promise<void> {
  const command = vscode.workspace.getConfiguration('summit-ls').get<string>('server.path') || 'summit-ls';
  let child: cp.ChildProcess;
  try {
    child = await spawnServer(command);
  } catch (err) {
    const why = reason(err as NodeJS.ErrnoException);
    const message = `summit-ls: cannot start the server "${command}": ${why}. Install it (cargo install --locked --path .) or set ${SETTING} to its full path.`;
    output.appendLine(message);
    // Not awaited: activation must not wait for the user to answer.
    void vscode.window.showErrorMessage(message, 'Open settings').then((choice) => {
      if (choice === 'Open settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', SETTING);
      }
    });
    return;
  }
  server = child;
  const serverOptions: ServerOptions = () => Promise.resolve(child);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'summit' },
      { scheme: 'file', pattern: '**/corpus.toml' },
    ],
    outputChannel: output,
    traceOutputChannel: output,
  };
  // The client reads `summit-ls.trace.server` itself, from its id.
  client = new LanguageClient('summit-ls', 'summit-ls', serverOptions, clientOptions);
  try {
    await client.start();
    // Sent once the overview has been asked for, when a corpus has changed on disk.
    client.onNotification('summit-ls/corpusChanged', scheduleOverviewRefresh);
  } catch (err) {
    output.appendLine(`summit-ls: the server started but the session failed: ${err}`);
  }
  // A restarted server draws the page anew.
  scheduleOverviewRefresh();
}

/** Stops the client (`shutdown`, `exit`), then the process if it outlives them. */
async function stop(): Promise<void> {
  const [stopping, child] = [client, server];
  client = undefined;
  server = undefined;
  await stopping?.stop().catch(() => undefined);
  if (child && child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, 2000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/**
 * The command of the server's code lenses: (document URI, lens position, locations), in
 * the protocol's types; shown in the references peek, as Shift+F12 shows them.
 */
async function showReferences(uri: string, position: LspPosition, locations: LspLocation[]): Promise<void> {
  const convert = client?.protocol2CodeConverter;
  if (!convert) {
    return;
  }
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    convert.asUri(uri),
    convert.asPosition(position),
    (locations ?? []).map((l) => convert.asLocation(l)),
  );
}

/** Text for HTML. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A short page in the overview's panel: while the server draws it, or why it cannot. */
function notice(text: string): string {
  return `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"></head><body style="font:14px system-ui,sans-serif;margin:24px">${escapeHtml(text)}</body></html>`;
}

/**
 * The server's overview page made a webview's: a policy that allows its inline styles
 * and this one script and nothing else (no network, no other script), and the script,
 * which posts a clicked mark's report back (the webview cannot follow `file:` links)
 * and keeps the scroll position across refreshes.
 */
function asWebview(html: string): string {
  const nonce = Array.from({ length: 32 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
  const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'">`;
  const script = `<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const mark = event.target instanceof Element ? event.target.closest('a[data-uri]') : null;
  if (mark) {
    event.preventDefault();
    vscode.postMessage({ type: 'open', uri: mark.getAttribute('data-uri'), line: Number(mark.getAttribute('data-line')) });
  }
});
const at = vscode.getState();
if (at) { window.scrollTo(at.x, at.y); }
window.addEventListener('scroll', () => vscode.setState({ x: window.scrollX, y: window.scrollY }));
</script>`;
  const head = html.includes('<head>') ? html.replace('<head>', `<head>${policy}`) : policy + html;
  return head.includes('</body>') ? head.replace('</body>', `${script}</body>`) : head + script;
}

/** Asks the server for the page of the panel's target and shows it. */
async function refreshOverview(): Promise<void> {
  const shown = overview;
  if (!shown) {
    return;
  }
  if (!client?.isRunning()) {
    shown.panel.webview.html = notice('summit-ls is not running: the overview comes from the server.');
    return;
  }
  try {
    const target = client.code2ProtocolConverter.asUri(shown.target);
    const html: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
      command: 'summit-ls.overview',
      arguments: [target],
    });
    if (overview === shown && typeof html === 'string') {
      shown.panel.webview.html = asWebview(html);
    }
  } catch (err) {
    if (overview === shown) {
      shown.panel.webview.html = notice(`summit-ls: no overview of ${shown.target.fsPath}: ${(err as Error).message ?? err}`);
    }
  }
}

/** The corpus changed: the page is drawn again once changes have settled. */
function scheduleOverviewRefresh(): void {
  if (!overview) {
    return;
  }
  if (overviewTimer) {
    clearTimeout(overviewTimer);
  }
  overviewTimer = setTimeout(() => {
    overviewTimer = undefined;
    void refreshOverview();
  }, 500);
}

/** A mark clicked in the overview: its report, at its `meeting:` line. */
async function openMark(message: unknown): Promise<void> {
  const m = message as { type?: unknown; uri?: unknown; line?: unknown };
  if (m?.type !== 'open' || typeof m.uri !== 'string') {
    return;
  }
  const uri = vscode.Uri.parse(m.uri, true);
  if (uri.scheme !== 'file') {
    return;
  }
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = Math.min(Math.max(0, (Number(m.line) || 1) - 1), doc.lineCount - 1);
    const selection = new vscode.Range(line, 0, line, doc.lineAt(line).text.length);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection });
  } catch (err) {
    void vscode.window.showErrorMessage(`summit-ls: cannot open ${uri.fsPath}: ${(err as Error).message ?? err}`);
  }
}

/**
 * "summit-ls: Show corpus overview": the page of the corpus of the file or folder
 * clicked in the Explorer, else of the active report, else of the first workspace
 * folder's corpora, beside the editor.
 */
async function showOverview(clicked?: vscode.Uri): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const target =
    (clicked instanceof vscode.Uri ? clicked : undefined) ??
    (active?.scheme === 'file' ? active : undefined) ??
    vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!target) {
    void vscode.window.showErrorMessage('summit-ls: open a report or a folder with a corpus.toml to see its overview.');
    return;
  }
  if (overview) {
    overview.target = target;
    overview.panel.reveal(undefined, true);
  } else {
    const panel = vscode.window.createWebviewPanel(
      'summit-ls.overview',
      'Corpus overview',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [] },
    );
    overview = { panel, target };
    panel.webview.html = notice('Reading the corpus…');
    panel.webview.onDidReceiveMessage(openMark);
    panel.onDidDispose(() => {
      if (overview?.panel === panel) {
        overview = undefined;
      }
    });
  }
  await refreshOverview();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('summit-ls');
  context.subscriptions.push(
    output,
    vscode.workspace.onDidOpenTextDocument(claim),
    vscode.commands.registerCommand('summit-ls.restart', restart),
    vscode.commands.registerCommand('summit-ls.showReferences', showReferences),
    vscode.commands.registerCommand('summit-ls.showOverview', showOverview),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.fileName.endsWith('.txt') || path.basename(doc.fileName) === 'corpus.toml') {
        scheduleOverviewRefresh();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING)) {
        void restart();
      }
    }),
  );
  await Promise.all(vscode.workspace.textDocuments.map(claim));
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
