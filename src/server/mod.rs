//! The LSP adapter: a thin layer that keeps documents in sync, asks the core, and
//! converts its answers at the position boundary.
//!
//! Handlers start in arrival order but run concurrently; each one that changes a
//! document does so synchronously at its top, before any `.await`, so that no later
//! request can observe the text before the change.

mod actions;
mod calls;
mod completion;
mod definition;
mod guard;
mod hover;
mod indexing;
mod inlay;
mod lenses;
mod overview;
mod position;
mod publish;
mod pull;
mod references;
mod rename;
mod state;
mod symbols;
mod sync;
mod target;
mod tokens;
pub(crate) mod transport;
pub mod uris;

use std::time::Duration;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::corpus::host::{Affected, Change};
use crate::corpus::kb::MANIFEST;
use crate::corpus::workspace::{enclosing_root, read_source};
use guard::Shared;
use publish::{DEBOUNCE, Publisher};
use state::ClientFlags;
use uris::path_of;

/// How many messages are handled at once.
const MAX_CONCURRENT_HANDLERS: usize = 64;

#[derive(Clone)]
pub struct Backend {
    client: Client,
    state: Shared,
    publisher: Publisher,
    indexing: indexing::Jobs,
    pull: std::sync::Arc<pull::Pull>,
    /// The client has asked for the overview page: it is told when a corpus changes.
    overview_asked: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// Serves LSP over stdin and stdout until the client exits; the process's exit code:
/// 1 for `exit` without `shutdown`, 2 when the input can no longer be read as messages.
pub fn serve_stdio() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("summit-ls: cannot start the async runtime: {err}");
            return std::process::ExitCode::from(2);
        }
    };
    // The transport checks every message before the server sees it: tower-lsp-server
    // ends the session at the first one it cannot decode.
    let ending = runtime.block_on(transport::serve(tokio::io::stdin(), tokio::io::stdout(), |input, output| async {
        let (service, socket) = LspService::new(|client| {
            let state = Shared::default();
            let publisher = Publisher::spawn(client.clone(), state.clone());
            Backend {
                client,
                state,
                publisher,
                indexing: indexing::Jobs::default(),
                pull: Default::default(),
                overview_asked: Default::default(),
            }
        });
        // Requests that need the whole corpus wait for indexing; with the default of
        // four handlers at once, four such requests would hold up every later message
        // (didChange too) until indexing ends.
        Server::new(input, output, socket).concurrency_level(MAX_CONCURRENT_HANDLERS).serve(service).await;
    }));
    if let transport::Ending::FramingLost(why) = &ending {
        eprintln!(
            "summit-ls: {why}; the messages that follow cannot be found, so the server exits for the editor to restart it"
        );
    }
    // The stdin reader sits in a blocking read that only the client can end; waiting
    // for it (as dropping the runtime does) would hang after `exit`.
    runtime.shutdown_background();
    std::process::ExitCode::from(ending.exit_code())
}

impl Backend {
    async fn warn(&self, message: String) {
        self.client.log_message(MessageType::WARNING, &message).await;
    }

    /// After changes that could not be applied: the file on disk is the best text at
    /// hand, read off the lock, unless the document changed meanwhile. When it cannot
    /// be read (a new file never saved), the buffer stays as it is.
    async fn resync(&self, uri: Uri, had: i32, version: i32, path: std::path::PathBuf, err: sync::SyncError) {
        let text = tokio::task::spawn_blocking(move || read_source(&path).ok().map(|s| s.text)).await.ok().flatten();
        let how = if text.is_some() {
            "it re-read the file from disk"
        } else {
            "the file cannot be read, so it kept its text"
        };
        let again = self.state.with("didChange", |s| {
            let od = s.doc_mut(&uri).filter(|od| od.version == had)?;
            if let Some(text) = &text {
                od.doc.replace_all(text);
            }
            od.version = od.version.max(version);
            let path = od.path.clone();
            let affected = s.host.apply_change(Change::Edited { path });
            let uris = s.uris_of(&affected.republish);
            Some((affected, uris))
        });
        if let Ok(Some((affected, uris))) = again {
            self.follow_up(affected, uris, Duration::ZERO);
        }
        let message = format!(
            "summit-ls lost sync with {} ({err}); {how}. Close and reopen it if the editor shows unsaved changes.",
            uri.as_str()
        );
        self.client.show_message(MessageType::WARNING, &message).await;
    }
}

async fn register_file_watchers(backend: Backend) {
    let watchers = ["**/*.txt", "**/corpus.toml"]
        .into_iter()
        .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.into()), kind: None })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: "summit-ls/watch".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(err) = backend.client.register_capability(vec![registration]).await {
        backend.warn(format!("summit-ls: could not watch files: {err}")).await;
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref());
        let encoding = position::negotiate(offered);
        let flags = ClientFlags::of(&params.capabilities);
        let mut folders: Vec<_> = params.workspace_folders.iter().flatten().filter_map(|f| path_of(&f.uri)).collect();
        #[allow(deprecated)]
        if folders.is_empty() {
            folders.extend(params.root_uri.as_ref().and_then(path_of));
        }
        {
            let mut s = self.state.lock();
            s.encoding = encoding;
            s.client = flags;
            s.folders = folders;
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(position::encoding_kind(encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![":".into(), "[".into(), ",".into(), " ".into()]),
                    ..Default::default()
                }),
                inlay_hint_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
                    SemanticTokensOptions {
                        legend: tokens::legend(),
                        full: Some(SemanticTokensFullOptions::Bool(true)),
                        range: Some(true),
                        ..Default::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    ..Default::default()
                })),
                diagnostic_provider: flags.pull_diagnostics.then(pull::capability),
                code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(true) }),
                call_hierarchy_provider: Some(CallHierarchyServerCapability::Simple(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![overview::COMMAND.into()],
                    work_done_progress_options: Default::default(),
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo { name: "summit-ls".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // The notification comes once; a second one would start a second indexing job.
        if std::mem::replace(&mut self.state.lock().initialized, true) {
            self.warn("summit-ls: `initialized` came a second time; it is ignored".into()).await;
            return;
        }
        // Requests to the client are sent from tasks of their own: a handler that awaits
        // the client's answer would keep `exit` from ending the server if none comes.
        if self.state.lock().client.dynamic_file_watching {
            tokio::spawn(register_file_watchers(self.clone()));
        }
        tokio::spawn(indexing::index_workspace(self.clone(), self.indexing.start()));
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        // A buffer that is no file belongs to no corpus: nothing to analyse.
        let Some(path) = path_of(&doc.uri) else {
            self.state.lock().untitled.insert(doc.uri);
            return;
        };
        // The nearest corpus.toml on disk decides which corpus the file is in. One not
        // known yet is read here, off the lock (a regular file of bounded size, opened
        // without blocking), so that the requests that follow find the file's corpus.
        let root = enclosing_root(&path);
        let unknown = root.as_ref().filter(|r| !self.state.lock().host.corpora.contains_key(*r));
        let manifest = unknown.and_then(|r| read_source(&r.join(MANIFEST)).ok()).map(|s| s.text);
        let opened = self.state.with("didOpen", |s| {
            s.track(&doc.uri, &path);
            let mut affected = Affected::default();
            if let (Some(root), Some(text)) = (root, manifest) {
                affected = s.host.apply_change(Change::ManifestOnDisk { root, text: Some(text) });
            }
            let opened =
                s.host.apply_change(Change::Opened { path: path.clone(), text: doc.text, version: doc.version });
            affected.merge(opened);
            let uris = s.uris_of(&affected.republish);
            (affected, uris)
        });
        if let Ok((affected, uris)) = opened {
            self.follow_up(affected, uris, Duration::ZERO);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let outcome = self.state.with("didChange", |s| {
            let started = std::time::Instant::now();
            let encoding = s.encoding;
            if s.untitled.contains(&uri) {
                return Ok(Ok((Affected::default(), Vec::new())));
            }
            let Some(od) = s.doc_mut(&uri) else {
                return Err(format!("didChange for {}, which is not open", uri.as_str()));
            };
            if let Err(err) = sync::apply_changes(od, version, &params.content_changes, encoding) {
                return Ok(Err((err, od.version, od.path.clone())));
            }
            let path = od.path.clone();
            let affected = s.host.apply_change(Change::Edited { path: path.clone() });
            if let Some(od) = s.host.doc_mut(&path) {
                od.change_cost = started.elapsed();
            }
            let uris = s.uris_of(&affected.republish);
            Ok(Ok((affected, uris)))
        });
        match outcome {
            Ok(Ok(Ok((affected, uris)))) => self.follow_up(affected, uris, DEBOUNCE),
            Ok(Ok(Err((err, had, path)))) => self.resync(uri, had, version, path, err).await,
            Ok(Err(message)) => self.warn(message).await,
            Err(_) => {}
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let closed = self.state.with("didClose", |s| {
            s.untitled.remove(&uri);
            let path = s.untrack(&uri)?;
            s.host.apply_change(Change::Closed { path: path.clone() });
            Some(path)
        });
        // Back to the file on disk, read off the lock: the buffer may have held unsaved
        // changes. A file opened again meanwhile keeps its buffer.
        if let Ok(Some(path)) = closed {
            if path.file_name().is_some_and(|n| n == MANIFEST) {
                indexing::manifest_on_disk(self, &path, false).await;
            } else {
                indexing::report_on_disk(self, &path, false).await;
            }
        }
        if !self.state.lock().client.pull_diagnostics {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        tokio::spawn(indexing::files_changed(self.clone(), params.changes));
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        self.state.read_now("hover", move |s| hover::hover(s, &p.text_document.uri, p.position))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        self.indexing.settled().await;
        self.state.read_now("definition", move |s| definition::definition(s, &p.text_document.uri, p.position))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let declaration = params.context.include_declaration;
        self.indexing.settled().await;
        self.state
            .read("references", move |s| references::references(s, &p.text_document.uri, p.position, declaration))
            .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        self.state.read_now("completion", move |s| completion::completion(s, &p.text_document.uri, p.position))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.state.read_now("documentSymbol", move |s| {
            symbols::document(s, &params.text_document.uri).map(DocumentSymbolResponse::Nested)
        })
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        self.indexing.settled().await;
        self.state
            .read("workspace/symbol", move |s| {
                Some(WorkspaceSymbolResponse::Flat(symbols::workspace(s, &params.query)))
            })
            .await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        self.state.read_now("prepareRename", move |s| rename::prepare(s, &params.text_document.uri, params.position))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        self.indexing.settled().await;
        self.state
            .read("rename", move |s| rename::rename(s, &p.text_document.uri, p.position, &params.new_name))
            .await?
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.state.read_now("inlayHint", move |s| Some(inlay::hints(s, &params.text_document.uri, params.range)))
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        self.state.read_now("semanticTokens/full", move |s| {
            let data = tokens::tokens(s, &params.text_document.uri, None);
            Some(SemanticTokensResult::Tokens(SemanticTokens { result_id: None, data }))
        })
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        self.state.read_now("semanticTokens/range", move |s| {
            let uri = &params.text_document.uri;
            let od = s.doc(uri)?;
            let rope = od.doc.rope();
            let range = position::from_lsp(rope, params.range.start, s.encoding)
                ..position::from_lsp(rope, params.range.end, s.encoding);
            let data = tokens::tokens(s, uri, Some(range));
            Some(SemanticTokensRangeResult::Tokens(SemanticTokens { result_id: None, data }))
        })
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let pull = std::sync::Arc::clone(&self.pull);
        let report = self.state.read_now("textDocument/diagnostic", move |s| pull::document(s, &pull, &params))?;
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn workspace_diagnostic(&self, params: WorkspaceDiagnosticParams) -> Result<WorkspaceDiagnosticReportResult> {
        let pull = std::sync::Arc::clone(&self.pull);
        let report = self.state.read("workspace/diagnostic", move |s| pull::workspace(s, &pull, &params)).await?;
        Ok(WorkspaceDiagnosticReportResult::Report(report))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.state.read_now("codeLens", move |s| Some(lenses::lenses(s, &params.text_document.uri)))
    }

    /// Counts are answered from what is known, and say so while the corpus is being
    /// read; the client is asked to refresh its lenses when it has been.
    async fn code_lens_resolve(&self, lens: CodeLens) -> Result<CodeLens> {
        self.state.read("codeLens/resolve", move |s| lenses::resolve(s, lens)).await
    }

    async fn prepare_call_hierarchy(
        &self,
        params: CallHierarchyPrepareParams,
    ) -> Result<Option<Vec<CallHierarchyItem>>> {
        let p = params.text_document_position_params;
        self.indexing.settled().await;
        self.state.read("prepareCallHierarchy", move |s| calls::prepare(s, &p.text_document.uri, p.position)).await
    }

    async fn incoming_calls(
        &self,
        params: CallHierarchyIncomingCallsParams,
    ) -> Result<Option<Vec<CallHierarchyIncomingCall>>> {
        self.indexing.settled().await;
        self.state.read("callHierarchy/incomingCalls", move |s| calls::incoming(s, &params.item)).await
    }

    async fn outgoing_calls(
        &self,
        params: CallHierarchyOutgoingCallsParams,
    ) -> Result<Option<Vec<CallHierarchyOutgoingCall>>> {
        self.indexing.settled().await;
        self.state.read("callHierarchy/outgoingCalls", move |s| calls::outgoing(s, &params.item)).await
    }

    /// `summit-ls.overview`: the corpus's overview page, as HTML text.
    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != overview::COMMAND {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "unknown command {:?}; summit-ls runs {:?}",
                params.command,
                overview::COMMAND
            )));
        }
        let path = overview::target(&params.arguments)?;
        self.overview_asked.store(true, std::sync::atomic::Ordering::Relaxed);
        self.indexing.settled().await;
        let pull = std::sync::Arc::clone(&self.pull);
        let html = self.state.read("summit-ls.overview", move |s| overview::page(s, &pull, &path)).await??;
        Ok(Some(LSPAny::String(html)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let actions = self.state.read_now("codeAction", move |s| {
            let mut fixes = actions::quick_fixes(&params);
            let uri = params.text_document.uri.clone();
            actions::infer_missing_fields(s, &uri, &mut fixes);
            let mut actions: Vec<CodeActionOrCommand> =
                fixes.drain(..).map(|f| CodeActionOrCommand::CodeAction(f.action)).collect();
            // Inserting a front matter is the main fix of a raw report: first.
            if let Some(insert) = actions::insert_front_matter(s, &params) {
                actions.insert(0, insert);
            }
            actions.extend(actions::fill_meeting(s, &uri));
            actions.extend(actions::person_stub(s, &params));
            actions.extend(actions::link_every_mention(s, &params));
            actions
        })?;
        Ok((!actions.is_empty()).then_some(actions))
    }
}
