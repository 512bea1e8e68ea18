//! What some reports need beyond the findings: the fail level (JUnit fails only what fails the
//! run), where Markdown links point, why a run linted nothing, and the record of the run.

use super::provenance::Provenance;
use crate::config::FailOn;

/// Settings shared by the renderers; the default renders a report on its own.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// The lowest severity that fails the run.
    pub fail_on: FailOn,
    /// Absolute links for the Markdown summary, when known.
    pub links: Option<LinkBase>,
    /// Why nothing was linted ("no changed articles since main"), shown by the reports that
    /// have room for a sentence.
    pub nothing_linted: Option<String>,
    /// The record of the run (versions, hashes, commit, scope, verdict), built once by the
    /// command line; reports made without one leave it out.
    pub provenance: Option<Provenance>,
}

/// Where a file's lines live on the web: `url` (ending in `/`) joined with the file's path
/// inside the repository, which is `folder` (the working folder's path in the repository,
/// empty or ending in `/`) joined with the name the report shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkBase {
    /// `https://github.com/owner/repo/blob/SHA/`, say.
    pub url: String,
    /// `docs/` when medlint runs in the repository's `docs` folder.
    pub folder: String,
}
