// summit-ls for VS Code: starts the server for the reports of a corpus (the .txt files
// under a folder with a corpus.toml) and for corpus.toml itself.
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import type { Location as LspLocation, Position as LspPosition } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let server: cp.ChildProcess | undefined;
let output: vscode.OutputChannel;

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
  } catch (err) {
    output.appendLine(`summit-ls: the server started but the session failed: ${err}`);
  }
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
