//! `summit-ls overview [PATH…] [-o FILE]`: reads and checks the reports the paths name,
//! and draws their corpora's overview page ([`crate::render::overview`]).

use std::path::PathBuf;

use rayon::prelude::*;

use super::targets::{TargetError, by_corpus, resolve};
use crate::corpus::checks::check_analyzed_report;
use crate::corpus::overview::{Overview, ReportState};
use crate::corpus::recognize::analyze;
use crate::corpus::workspace::{Corpus, load_report, record_claims};
use crate::render::overview::{Section, page as draw};

/// The overview page of the corpora `paths` name.
pub fn page(paths: &[PathBuf]) -> Result<String, TargetError> {
    let mut drawn = Vec::new();
    for selection in by_corpus(resolve(paths)?) {
        let root = selection.root.clone();
        let mut corpus = Corpus::open(&root).map_err(|e| TargetError::Unreadable(root.clone(), e))?;
        let paths: Vec<PathBuf> = record_claims(&mut corpus).into_iter().filter(|p| selection.wants(p)).collect();
        let states: Vec<ReportState> = paths
            .par_iter()
            .map(|path| {
                let report = load_report(path);
                let analysis = analyze(&report.doc, corpus.recognizers());
                let mut diagnostics = check_analyzed_report(&report.doc, path, corpus.view(), &analysis);
                diagnostics.extend(report.read_problem);
                ReportState::of(path, &report.doc, &analysis, &diagnostics, corpus.view())
            })
            .collect();
        let overview = Overview::build(&corpus, &states);
        drawn.push((root, corpus, overview));
    }
    let sections: Vec<Section> =
        drawn.iter().map(|(root, corpus, overview)| Section { root, corpus, overview }).collect();
    Ok(draw(&sections))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_seeds_page_shows_every_meeting_its_arcs_and_the_annotation_state() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let html = page(&[seeds]).expect("overview");
        assert!(html.starts_with("<!doctype html>") && html.trim_end().ends_with("</html>"));
        for id in ["sunnylands-2013 —", "virtual-2021 —", "bali-2022 —", "lima-2024 —", "beijing-2014 —"] {
            assert!(html.contains(id), "{id}");
        }
        assert!(html.contains("report(s) of lima-2024 refer to bali-2022"), "an arc from Lima to Bali");
        assert!(html.contains("<td>all</td><td class=\"n\">5</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">5</td>"));
        assert!(html.contains("Joe Biden – Xi Jinping"));
        assert!(!html.contains("http://") || html.matches("http://").count() == 1, "no network but the SVG namespace");
        assert!(!html.contains("<script"));
    }
}
