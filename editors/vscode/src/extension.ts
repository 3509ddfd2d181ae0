// summit-ls for VS Code: starts the server for the reports of a corpus (the .txt files
// under a folder with a corpus.toml) and for corpus.toml itself.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;

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

async function start(): Promise<void> {
  const command = vscode.workspace.getConfiguration('summit-ls').get<string>('server.path') || 'summit-ls';
  const serverOptions: ServerOptions = { command, args: [], transport: TransportKind.stdio };
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
    const message = `summit-ls could not start "${command}": ${err}. Set summit-ls.server.path to the binary.`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
  }
}

async function restart(): Promise<void> {
  if (client) {
    await client.stop().catch(() => undefined);
    client = undefined;
  }
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('summit-ls');
  context.subscriptions.push(
    output,
    vscode.workspace.onDidOpenTextDocument(claim),
    vscode.commands.registerCommand('summit-ls.restart', restart),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('summit-ls.server.path')) {
        void restart();
      }
    }),
  );
  await Promise.all(vscode.workspace.textDocuments.map(claim));
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
