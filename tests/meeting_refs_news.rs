//! Meeting references scored on a second generator, `benches/refs_news.rs`, written
//! from the phrase shapes and not from the recogniser: invented leaders and
//! places, wire stories, readouts, transcripts and quotes, CRLF and non-breaking spaces,
//! and distractors that name no meeting of the corpus.
//!
//! `cargo test --test meeting_refs_news -- --nocapture` prints a table per shape and
//! per style, and examples of what went wrong. Set `SUMMIT_LS_REFS_NEWS_DIR` to write
//! the corpus (and its `truth.jsonl`) into a folder of your choice and keep it.

#[path = "../benches/refs_news.rs"]
mod refs_news;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use refs_news::{Expect, SHAPES, Truth};
use serde_json::Value;

const REPORTS: usize = 360;
const SEED: u64 = 2026;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Outcome {
    /// The one true id, the exact candidates, or silence where none is due.
    Right,
    /// Ambiguous, but not with exactly the true candidates.
    Off,
    /// No reference found where one is due.
    Missed,
    /// A reference found where the truth has none.
    Spurious,
    /// Resolved to another meeting, or resolved where the truth is ambiguous.
    Wrong,
}

#[derive(Default, Clone, Copy)]
struct Score {
    planned: usize,
    right: usize,
    wrong: usize,
    off: usize,
    missed: usize,
    spurious: usize,
}

impl Score {
    fn add(&mut self, o: Outcome) {
        self.planned += 1;
        match o {
            Outcome::Right => self.right += 1,
            Outcome::Wrong => self.wrong += 1,
            Outcome::Off => self.off += 1,
            Outcome::Missed => self.missed += 1,
            Outcome::Spurious => self.spurious += 1,
        }
    }

    fn row(&self, name: &str) -> String {
        let pct = if self.planned == 0 { 0.0 } else { 100.0 * self.right as f64 / self.planned as f64 };
        format!(
            "| {name} | {} | {} | {pct:.1} % | {} | {} | {} | {} |",
            self.planned, self.right, self.wrong, self.off, self.missed, self.spurious
        )
    }
}

/// A meeting mention of export: its span in code points and what it resolved to.
#[derive(Debug)]
struct Mention {
    start: usize,
    end: usize,
    surface: String,
    id: Option<String>,
    candidates: Vec<String>,
    count: usize,
}

impl Mention {
    fn describe(&self) -> String {
        match &self.id {
            Some(id) => format!("\"{}\" → {id}", self.surface),
            None => format!("\"{}\" → ambiguous {:?} of {}", self.surface, self.candidates, self.count),
        }
    }
}

struct Exported {
    text: Vec<char>,
    meetings: Vec<Mention>,
}

fn export(dir: &Path) -> BTreeMap<String, Exported> {
    let out = Command::new(env!("CARGO_BIN_EXE_summit-ls")).arg("export").arg(dir).output().expect("run export");
    assert!(out.status.success(), "export failed: {}", String::from_utf8_lossy(&out.stderr));
    let mut reports = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: Value = serde_json::from_str(line).expect("a JSON line");
        let path = PathBuf::from(v["path"].as_str().unwrap_or_default());
        let key = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let text = v["text"].as_str().unwrap_or_default().chars().collect();
        let strings = |x: &Value| -> Vec<String> {
            x.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()).unwrap_or_default()
        };
        let meetings = v["mentions"]
            .as_array()
            .map(|ms| {
                ms.iter()
                    .filter(|m| m["kind"] == "meeting")
                    .map(|m| Mention {
                        start: m["start"].as_u64().unwrap_or_default() as usize,
                        end: m["end"].as_u64().unwrap_or_default() as usize,
                        surface: m["surface"].as_str().unwrap_or_default().to_string(),
                        id: m["id"].as_str().map(str::to_string),
                        candidates: strings(&m["candidates"]),
                        count: m["candidate_count"].as_u64().unwrap_or_default() as usize,
                    })
                    .collect()
            })
            .unwrap_or_default();
        reports.insert(key, Exported { text, meetings });
    }
    reports
}

fn judge(expect: &Expect, m: &Mention) -> Outcome {
    match (expect, &m.id) {
        (Expect::None, _) => Outcome::Spurious,
        (Expect::Own, _) => Outcome::Wrong,
        (Expect::One(want), Some(got)) => {
            if want == got {
                Outcome::Right
            } else {
                Outcome::Wrong
            }
        }
        (Expect::One(_), None) => Outcome::Off,
        (Expect::Ambiguous(_), Some(_)) => Outcome::Wrong,
        (Expect::Ambiguous(want), None) => {
            if m.count == want.len() && m.candidates.iter().all(|c| want.contains(c)) {
                Outcome::Right
            } else {
                Outcome::Off
            }
        }
    }
}

fn truth_text(e: &Expect) -> String {
    match e {
        Expect::One(id) => id.clone(),
        Expect::Ambiguous(ids) => format!("ambiguous {ids:?}"),
        Expect::Own => "the report's own meeting (left out of export)".into(),
        Expect::None => "no reference".into(),
    }
}

struct Scored {
    by_shape: BTreeMap<&'static str, Score>,
    by_style: BTreeMap<&'static str, Score>,
    unplanned: Vec<String>,
    examples: BTreeMap<(&'static str, Outcome), Vec<String>>,
}

fn score(truth: &[Truth], exported: &BTreeMap<String, Exported>) -> Scored {
    let mut s = Scored {
        by_shape: BTreeMap::new(),
        by_style: BTreeMap::new(),
        unplanned: Vec::new(),
        examples: BTreeMap::new(),
    };
    let mut used: BTreeMap<(&str, usize), ()> = BTreeMap::new();
    for t in truth {
        let report = exported.get(&t.file).unwrap_or_else(|| panic!("{} is not in export's output", t.file));
        let surface: String = report.text.get(t.start..t.end).map(|c| c.iter().collect()).unwrap_or_default();
        assert_eq!(surface, t.surface, "the planned span of {} does not match export's text", t.file);
        let over: Vec<(usize, &Mention)> =
            report.meetings.iter().enumerate().filter(|(_, m)| m.start < t.end && t.start < m.end).collect();
        for (i, _) in &over {
            used.insert((t.file.as_str(), *i), ());
        }
        let outcome = over.iter().map(|(_, m)| judge(&t.expect, m)).max().unwrap_or(match t.expect {
            Expect::One(_) | Expect::Ambiguous(_) => Outcome::Missed,
            Expect::Own | Expect::None => Outcome::Right,
        });
        s.by_shape.entry(t.shape).or_default().add(outcome);
        s.by_style.entry(t.style).or_default().add(outcome);
        if outcome != Outcome::Right {
            let from = t.start.saturating_sub(70);
            let to = (t.end + 50).min(report.text.len());
            let context: String =
                report.text[from..to].iter().collect::<String>().replace(['\r', '\n'], " ").replace('\u{a0}', "⍽");
            let got = if over.is_empty() {
                "nothing".to_string()
            } else {
                over.iter().map(|(_, m)| m.describe()).collect::<Vec<_>>().join("; ")
            };
            s.examples.entry((t.shape, outcome)).or_default().push(format!(
                "{} “…{context}…” — “{}”: truth {}; export: {got}",
                t.file,
                t.surface.replace('\u{a0}', "⍽"),
                truth_text(&t.expect)
            ));
        }
    }
    for (file, report) in exported {
        for (i, m) in report.meetings.iter().enumerate() {
            if !used.contains_key(&(file.as_str(), i)) {
                let from = m.start.saturating_sub(60);
                let to = (m.end + 40).min(report.text.len());
                let context: String = report.text[from..to].iter().collect::<String>().replace(['\r', '\n'], " ");
                s.unplanned.push(format!("{file} “…{context}…”: {}", m.describe()));
            }
        }
    }
    s
}

fn print(s: &Scored) {
    let head =
        "| shape | planned | right | right % | wrong | off | missed | spurious |\n|---|---|---|---|---|---|---|---|";
    println!("\nMeeting references, second generator ({REPORTS} reports, seed {SEED})\n\n{head}");
    let mut total = Score::default();
    for shape in SHAPES {
        let row = s.by_shape.get(shape).copied().unwrap_or_default();
        println!("{}", row.row(shape));
        total.planned += row.planned;
        total.right += row.right;
        total.wrong += row.wrong;
        total.off += row.off;
        total.missed += row.missed;
        total.spurious += row.spurious;
    }
    println!("{}", total.row("all"));
    println!("| found where nothing was planned | | | | | | | {} |", s.unplanned.len());
    println!("\n{}", head.replacen("shape", "style", 1));
    for (style, row) in &s.by_style {
        println!("{}", row.row(style));
    }
    for ((shape, outcome), examples) in &s.examples {
        println!("\n{shape}, {outcome:?} ({}):", examples.len());
        for e in examples.iter().take(4) {
            println!("  {e}");
        }
    }
    if !s.unplanned.is_empty() {
        println!("\nfound where nothing was planned ({}):", s.unplanned.len());
        for e in s.unplanned.iter().take(8) {
            println!("  {e}");
        }
    }
}

fn corpus_dir() -> (Option<tempfile::TempDir>, PathBuf) {
    match std::env::var_os("SUMMIT_LS_REFS_NEWS_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir).expect("create the corpus folder");
            (None, dir)
        }
        None => {
            let tmp = tempfile::tempdir().expect("temp dir");
            let path = tmp.path().to_path_buf();
            (Some(tmp), path)
        }
    }
}

#[test]
fn the_generator_plans_every_shape_with_unambiguous_and_ambiguous_truths() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let truth = refs_news::generate(tmp.path(), REPORTS, SEED).expect("generate");
    for shape in SHAPES {
        let n = truth.iter().filter(|t| t.shape == shape).count();
        assert!(n >= 20, "only {n} phrases of shape {shape}");
    }
    let ambiguous = truth.iter().filter(|t| matches!(t.expect, Expect::Ambiguous(_))).count();
    assert!(ambiguous >= 40, "only {ambiguous} ambiguous references");
    assert!(std::fs::read_to_string(tmp.path().join("truth.jsonl")).is_ok_and(|t| t.lines().count() == truth.len()));
    // The same seed, the same corpus.
    let again = tempfile::tempdir().expect("temp dir");
    let second = refs_news::generate(again.path(), REPORTS, SEED).expect("generate");
    assert_eq!(format!("{truth:?}"), format!("{second:?}"));
}

#[test]
fn meeting_references_of_the_second_generator_resolve_as_the_words_say() {
    let (_keep, dir) = corpus_dir();
    let truth = refs_news::generate(&dir, REPORTS, SEED).expect("generate");
    let scored = score(&truth, &export(&dir));
    print(&scored);
    // The target is 95 % right in every shape and nothing wrong, which every shape
    // meets (2026-12-01: 97.1 % to 100 %, none wrong, 99.3 % in all). Floors at 95 %
    // and nothing wrong, so that a regression fails.
    const FLOORS: [(&str, f64, usize); 13] = [
        ("place before", 95.0, 0),
        ("place after", 95.0, 0),
        ("place + time", 95.0, 0),
        ("time", 95.0, 0),
        ("people", 95.0, 0),
        ("format", 95.0, 0),
        ("verb clause", 95.0, 0),
        ("order", 95.0, 0),
        ("future", 95.0, 0),
        ("place entry", 95.0, 0),
        ("own meeting", 99.0, 0),
        ("distractor", 99.0, 0),
        ("near distractor", 95.0, 0),
    ];
    let mut below = Vec::new();
    for (shape, floor, max_wrong) in FLOORS {
        let row = scored.by_shape.get(shape).copied().unwrap_or_default();
        let right = 100.0 * row.right as f64 / row.planned.max(1) as f64;
        if right < floor || row.wrong > max_wrong {
            below.push(format!(
                "{shape}: {right:.1} % right (floor {floor} %), {} wrong (at most {max_wrong})",
                row.wrong
            ));
        }
    }
    if scored.unplanned.len() > 5 {
        below.push(format!("{} references found where nothing was planned (at most 5)", scored.unplanned.len()));
    }
    assert!(below.is_empty(), "below the floors:\n{}", below.join("\n"));
}
