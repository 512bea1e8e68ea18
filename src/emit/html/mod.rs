//! A self-contained HTML report for compliance reviewers: totals, counts by rule and by article,
//! every finding with its sentence and the flagged words marked, the suppressions with their
//! reasons, tool errors, and the docs of each cited rule.
//!
//! One file with inline CSS and no script, so it opens offline, prints cleanly and cannot run
//! anything. Every string that comes from an article, a file name, a rule pack or a directive
//! is escaped; rule docs go through a Markdown renderer that emits only a fixed set of tags and
//! shows raw HTML as text. A Content-Security-Policy that forbids scripts backs this up.

mod docs;
mod escape;
mod excerpt;
mod findings;
mod labels;
mod overview;
mod page;
mod reference;
mod stats;
mod suppressions;

pub use page::{render, render_noting};
