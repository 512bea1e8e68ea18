//! A self-contained HTML report for compliance reviewers: totals, counts by rule and by article,
//! every finding with its sentence and the flagged words marked, the suppressions with their
//! reasons, tool errors, and the docs of each cited rule.
//!
//! With the record of the run, a sign-off block and a disposition for each finding, a reviewer
//! can file it; filters and a search let them work in it.
//!
//! One file with inline CSS and one inline script, so it opens offline and prints cleanly. Every
//! string that comes from an article, a file name, a rule pack or a directive is escaped; rule
//! docs go through a Markdown renderer that emits only a fixed set of tags and shows raw HTML as
//! text. A Content-Security-Policy loads nothing and runs only the page's own script, named by
//! its hash, so nothing injected could run even if escaping failed.

mod csp;
mod docs;
mod escape;
mod excerpt;
mod filters;
mod findings;
mod labels;
mod overview;
mod page;
mod record;
mod reference;
mod signoff;
mod stats;
mod suppressions;

pub use page::{render, render_noting, render_with};
