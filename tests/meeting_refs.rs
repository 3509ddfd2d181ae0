//! Meeting references scored on a generated corpus whose truth the generator knows
//! (benches/refs.rs): every shape of the issue, places known only from locations,
//! several meetings per place and year, calls without a place, references by people
//! and order. `export` is what is scored: a reference is right when its `id` is the one
//! meeting the words fit, or, when they fit several, when it names them as candidates.

mod common;
#[path = "../benches/refs.rs"]
mod refs;

use std::collections::BTreeMap;
use std::process::Command;

use common::bin;
use serde_json::Value;

const REPORTS: usize = 400;
/// The bar of the issue: 97 % right, none wrong.
const FLOOR: f64 = 0.97;

#[test]
fn generated_meeting_references_resolve_to_the_meeting_they_mean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let truth = refs::generate(dir.path(), REPORTS, 7).expect("generate");
    let out = Command::new(bin()).arg("export").arg(dir.path()).output().expect("export");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut exported: BTreeMap<String, Value> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: Value = serde_json::from_str(line).expect("a JSON line");
        let file = v["path"].as_str().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_string();
        exported.insert(file, v);
    }
    let (mut right, mut wrong, mut missed) = (0, 0, 0);
    let mut by_shape: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for t in &truth {
        let report = &exported[&t.file];
        let text = report["text"].as_str().unwrap_or_default();
        let Some(at) = text.find(&t.phrase) else { panic!("{} not in {}", t.phrase, t.file) };
        let start = text[..at].chars().count();
        let end = start + t.phrase.chars().count();
        let found = report["mentions"].as_array().into_iter().flatten().find(|m| {
            m["kind"] == "meeting"
                && m["start"].as_u64().unwrap_or(0) < end as u64
                && start as u64 <= m["end"].as_u64().unwrap_or(0)
        });
        let entry = by_shape.entry(t.shape).or_default();
        entry.1 += 1;
        let verdict = match found {
            None => None,
            Some(m) if t.fits.len() == 1 => Some(m["id"].as_str() == Some(t.fits[0].as_str())),
            Some(m) => {
                let mut named: Vec<&str> =
                    m["candidates"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                named.sort_unstable();
                let total = m["candidate_count"].as_u64().unwrap_or(0) as usize;
                let mut fits: Vec<&str> = t.fits.iter().map(String::as_str).collect();
                fits.sort_unstable();
                Some(total == fits.len() && named.iter().all(|n| fits.contains(n)))
            }
        };
        match verdict {
            Some(true) => {
                right += 1;
                entry.0 += 1;
            }
            Some(false) => {
                wrong += 1;
                failures.push(format!(
                    "wrong: {} in {} ({}): {:?} gave {}",
                    t.phrase,
                    t.file,
                    t.shape,
                    t.fits,
                    found.map_or(String::new(), Value::to_string)
                ));
            }
            None => {
                missed += 1;
                failures.push(format!("missed: {} in {} ({})", t.phrase, t.file, t.shape));
            }
        }
    }
    let share = right as f64 / truth.len() as f64;
    eprintln!("{} references: {right} right ({:.1} %), {wrong} wrong, {missed} missed", truth.len(), share * 100.0);
    for (shape, (r, n)) in &by_shape {
        eprintln!("  {shape}: {r}/{n}");
    }
    for f in failures.iter().take(15) {
        eprintln!("  {f}");
    }
    assert!(truth.len() > 400, "the generator wrote {} references", truth.len());
    assert_eq!(wrong, 0, "no reference may resolve to a wrong meeting");
    assert!(share >= FLOOR, "{:.3} of references right, below {FLOOR}", share);
}
