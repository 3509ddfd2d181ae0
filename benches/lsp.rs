//! Benchmarks at corpus scale, driving the real binary over stdio as an editor does.
//!
//!     cargo bench --bench lsp              # 1,000 and 10,000 reports
//!     cargo bench --bench lsp -- 1000 100000
//!     cargo bench --bench lsp -- --generate /tmp/corpus 10000   # keep a corpus, for profiling
//!     cargo bench --bench lsp -- --dir /tmp/corpus              # a corpus of one's own
//!
//! For each size: a generated corpus (deterministic), `check` on it, the time from
//! start to the end of indexing and to the first references answer, p50/p95 of hover,
//! definition, references, completion and workspace symbol in report 500 (the same text
//! at every size), keystroke to publishDiagnostics in the front matter and in the body
//! with the server's own compute for it (its SUMMIT_LS_TIMING log), the same compute
//! while the report's meeting id is one no other report has, and peak RSS.

#[path = "../tests/common/mod.rs"]
mod common;
mod generate;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use common::{Lsp, bin, uri};
use serde_json::{Value, json};
use summit_ls::corpus::workspace::Corpus;

fn main() {
    // `-- --generate DIR N` writes a corpus to keep, for profiling.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        let (dir, n) = (&args[i + 1], args[i + 2].parse().expect("a number of reports"));
        std::fs::create_dir_all(dir).expect("create dir");
        generate::generate(Path::new(dir), n, 42).expect("generate");
        return;
    }
    // `-- --dir DIR` runs on a corpus of one's own (or another generator's).
    let existing = args.iter().position(|a| a == "--dir").and_then(|i| args.get(i + 1));
    let existing = existing.map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| PathBuf::from(d)));
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1_000, 10_000] } else { sizes };
    println!(
        "| reports | check | index (start → progress end) | first references | hover p50/p95 | definition p50/p95 | references p50/p95 | completion p50/p95 | workspace symbol p50/p95 | keystroke → diagnostics, front matter p50/p95 | body p50/p95 | peak RSS | keystroke compute, front matter p50/p95 | body p50/p95 | new meeting id p50/p95 | corpus.toml edit → closed reports read again (a person added) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    if let Some(dir) = existing {
        let reports = Corpus::open(&dir).expect("a corpus.toml in DIR").report_paths();
        // The report in the middle, in path order.
        let probe = reports.get(reports.len() / 2).expect("DIR has reports").clone();
        run(&dir, reports.len(), &probe);
        return;
    }
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        generate::generate(dir.path(), n, 42).expect("generate");
        // The same report at every size (see the generator), in the middle of the smallest.
        let probe = dir.path().join(format!("{:06}.txt", PROBE.min(n / 2)));
        run(dir.path(), n, &probe);
    }
}

/// The report the requests and keystrokes are made in.
const PROBE: usize = 500;
/// Keystrokes in the front matter, and as many in the body.
const KEYSTROKES: usize = 200;

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    format!("{} / {}", ms(at(0.5)), ms(at(0.95)))
}

fn position_of(text: &str, needle: &str) -> Value {
    let at = text.find(needle).expect("needle");
    let line = text[..at].matches('\n').count();
    let col = text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at].encode_utf16().count();
    json!({ "line": line, "character": col + 1 })
}

/// Times everything on the corpus in `dir`, in report `middle`, which must have a
/// front matter with `meeting` and `participants`.
fn run(dir: &Path, n: usize, middle: &Path) {
    let started = Instant::now();
    let status = Command::new(bin()).arg("check").arg(dir).output().expect("check");
    let check = started.elapsed();
    assert!(status.status.code().is_some());

    let middle = middle.to_path_buf();
    let text = std::fs::read_to_string(&middle).expect("report");
    let start = Instant::now();
    let (mut lsp, timing) = Lsp::start_timed();
    lsp.initialize(dir, false);
    let doc = lsp.open(&middle, &text);
    // On the first participant's id in the front matter: every mention of that person
    // in the corpus (the title's words are no reference).
    let at_person = position_of(&text, "participants: [");
    let at_person =
        json!({ "line": at_person["line"], "character": at_person["character"].as_u64().unwrap_or(0) + 15 });
    let person = json!({ "textDocument": { "uri": doc }, "position": at_person });
    lsp.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": doc }, "position": at_person, "context": { "includeDeclaration": false } }),
    )
    .expect("references");
    let first_references = start.elapsed();
    lsp.wait_indexed();
    let indexed = start.elapsed();

    let time = |lsp: &mut Lsp, method: &str, params: &Value| {
        (0..100)
            .map(|_| {
                let t = Instant::now();
                lsp.request(method, params.clone()).expect(method);
                t.elapsed()
            })
            .collect::<Vec<_>>()
    };
    // The dateline of a generated report, else the body's first line of some length.
    let body_start = text.match_indices("\n---").next().map_or(0, |(i, _)| text[..i].matches('\n').count() + 2);
    let body_line = text.lines().position(|l| l.starts_with("On ")).unwrap_or_else(|| {
        text.lines().enumerate().skip(body_start).find(|(_, l)| l.len() > 40).map_or(body_start, |(i, _)| i)
    });
    let hover = time(
        &mut lsp,
        "textDocument/hover",
        &json!({ "textDocument": { "uri": doc }, "position": { "line": body_line, "character": 30 } }),
    );
    let definition = time(
        &mut lsp,
        "textDocument/definition",
        &json!({ "textDocument": { "uri": doc }, "position": position_of(&text, "meeting: ") }),
    );
    let mut refs_params = person.clone();
    refs_params["context"] = json!({ "includeDeclaration": false });
    let references = time(&mut lsp, "textDocument/references", &refs_params);
    let found = lsp.request("textDocument/references", refs_params.clone()).expect("references");
    let reference_count = found.as_array().map_or(0, Vec::len);
    let definition_params = json!({ "textDocument": { "uri": doc }, "position": position_of(&text, "meeting: ") });
    let targets = lsp.request("textDocument/definition", definition_params).expect("definition");
    let definition_count = targets.as_array().map_or(0, Vec::len);
    let completion = time(
        &mut lsp,
        "textDocument/completion",
        &json!({ "textDocument": { "uri": doc }, "position": position_of(&text, "participants: [") }),
    );
    // The first participant's family name, as an annotator would look them up.
    let participant = text.split("participants: [").nth(1).and_then(|rest| rest.split([',', ']']).next());
    let query = participant.and_then(|id| id.trim().rsplit('-').next()).unwrap_or("talks").to_string();
    let symbols = time(&mut lsp, "workspace/symbol", &json!({ "query": query }));

    let version = std::cell::Cell::new(1);
    let keystrokes = |lsp: &mut Lsp, line: usize, character: usize| {
        (0..KEYSTROKES)
            .map(|i| {
                version.set(version.get() + 1);
                let at = json!({ "line": line, "character": character });
                let (range, text) = if i % 2 == 0 {
                    (json!({ "start": at, "end": at }), "x")
                } else {
                    (json!({ "start": at, "end": { "line": line, "character": character + 1 } }), "")
                };
                let t = Instant::now();
                let v = version.get();
                lsp.change(&doc, v, json!([{ "range": range, "text": text }]));
                lsp.wait_for(|m| {
                    m["method"] == "textDocument/publishDiagnostics"
                        && m["params"]["uri"] == uri(&middle)
                        && m["params"]["version"] == v
                });
                (t.elapsed(), compute_of(&timing, v))
            })
            .unzip::<_, _, Vec<_>, Vec<_>>()
    };
    let (front, front_compute) = keystrokes(&mut lsp, 1, 3);
    let (body, body_compute) = keystrokes(&mut lsp, body_line, 3);
    // The annotator starts a new meeting: its id is in no other report, so every
    // keystroke looks for a known id it may be a typo of.
    let meeting_line = text.lines().position(|l| l.starts_with("meeting: ")).expect("meeting line");
    let old_id = text.lines().nth(meeting_line).unwrap_or_default().len();
    let new_id = "meeting: talks-nobody-held-2031";
    version.set(version.get() + 1);
    let whole_line = json!({ "start": { "line": meeting_line, "character": 0 }, "end": { "line": meeting_line, "character": old_id } });
    lsp.change(&doc, version.get(), json!([{ "range": whole_line, "text": new_id }]));
    let (_, new_id_compute) = keystrokes(&mut lsp, meeting_line, new_id.len());
    // corpus.toml edited in the editor, first where no report's mentions change (a
    // role added): the open report is checked again, no report is read again.
    let manifest = dir.join("corpus.toml");
    let toml = std::fs::read_to_string(&manifest).expect("corpus.toml");
    let manifest_doc = lsp.open(&manifest, &toml);
    std::thread::sleep(Duration::from_millis(200));
    lsp.forget_received();
    let t = Instant::now();
    // A meeting entry without aliases: something the checks read, no matcher.
    let with_entry =
        format!("{toml}\n[[meeting]]\nid = \"bench-meeting-2031\"\ndate = 2031-01-01\nlocation = \"Nowhere\"\n");
    lsp.change(&manifest_doc, 2, json!([{ "text": with_entry }]));
    lsp.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri(&middle));
    let kb_only = t.elapsed();
    // Then a person, whose names every report may hold: every closed report is read again.
    let t = Instant::now();
    let person =
        "\n[[person]]\nid = \"bench-person\"\nname = \"Benchmark Person\"\naliases = [\"Minister Benchmark\"]\n";
    lsp.change(&manifest_doc, 3, json!([{ "text": format!("{with_entry}{person}") }]));
    let during = Instant::now();
    lsp.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc }, "position": { "line": body_line, "character": 30 } }),
    )
    .expect("hover during the re-scan");
    let hover_during = during.elapsed();
    lsp.wait_for(|m| {
        m["method"] == "$/progress"
            && m["params"]["token"].as_str().is_some_and(|t| t.starts_with("summit-ls/reading"))
            && m["params"]["value"]["kind"] == "end"
    });
    let rescan = t.elapsed();
    let rss = peak_rss(&lsp);
    lsp.shutdown();
    println!(
        "| {n} | {} | {} | {} | {} | {} ({definition_count} targets) | {} ({reference_count} results) | {} | {} | {} | {} | {rss} | {} | {} | {} | {} (hover meanwhile {}); a meeting entry added: {} |",
        ms(check),
        ms(indexed),
        ms(first_references),
        percentiles(hover),
        percentiles(definition),
        percentiles(references),
        percentiles(completion),
        percentiles(symbols),
        percentiles(front),
        percentiles(body),
        percentiles(front_compute),
        percentiles(body_compute),
        percentiles(new_id_compute),
        ms(rescan),
        ms(hover_during),
        ms(kb_only),
    );
}

/// The server's own compute for a version of the middle report, from its timing log:
/// applying the change (parse, analysis, index) and its diagnostics.
fn compute_of(log: &Receiver<String>, version: i32) -> Duration {
    let wanted = format!(" version {version} change ");
    loop {
        let line = log.recv_timeout(Duration::from_secs(10)).expect("a timing line for every published version");
        let Some((_, rest)) = line.split_once(&wanted) else { continue };
        let numbers: Vec<u64> = rest.split_whitespace().filter_map(|w| w.parse().ok()).collect();
        return Duration::from_micros(numbers.iter().sum());
    }
}

fn peak_rss(lsp: &Lsp) -> String {
    let status = std::fs::read_to_string(format!("/proc/{}/status", lsp.pid())).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .map_or("?".into(), |l| l.trim_start_matches("VmHWM:").trim().to_string())
}
