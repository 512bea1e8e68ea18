//! What the reviewer fills in: a disposition for each finding, and the sign-off block (reviewer,
//! date, decision, notes). They are form fields that print as filled in, on screen or on paper;
//! the page's script writes what is entered into the page so a saved copy keeps it.

use super::escape::escape;
use crate::emit::csv::DISPOSITIONS;

/// The disposition field of finding number `n`, "open" chosen.
pub(super) fn disposition(out: &mut String, n: usize) {
    out.push_str(&format!(
        "<label class=\"disposition-field\"><span class=\"key\">disposition</span> <select class=\"disposition\" name=\"disposition-{n}\" aria-label=\"Disposition of finding {n}\">"
    ));
    for (i, d) in DISPOSITIONS.iter().enumerate() {
        let selected = if i == 0 { " selected=\"\"" } else { "" };
        out.push_str(&format!(
            "<option value=\"{0}\"{selected}>{0}</option>",
            escape(d)
        ));
    }
    out.push_str("</select></label>");
}

pub(super) fn sign_off(out: &mut String, findings: usize) {
    out.push_str(concat!(
        "<section id=\"sign-off\" class=\"sign-off\">\n<h2>Review and sign-off</h2>\n",
        "<div class=\"fields\">\n",
        "<p class=\"field\"><label for=\"reviewer\">Reviewer</label> ",
        "<input type=\"text\" id=\"reviewer\" name=\"reviewer\" autocomplete=\"name\"></p>\n",
        "<p class=\"field\"><label for=\"review-date\">Date</label> ",
        "<input type=\"date\" id=\"review-date\" name=\"review-date\"></p>\n",
        "</div>\n<fieldset class=\"decision\">\n<legend>Decision</legend>\n",
        "<label><input type=\"radio\" name=\"decision\" value=\"approved\"> Approved</label>\n",
        "<label><input type=\"radio\" name=\"decision\" value=\"approved with changes\"> ",
        "Approved with changes</label>\n",
        "<label><input type=\"radio\" name=\"decision\" value=\"rejected\"> Rejected</label>\n",
        "</fieldset>\n",
        "<p class=\"field notes-field\"><label for=\"review-notes\">Notes</label>",
        "<textarea id=\"review-notes\" name=\"review-notes\" rows=\"4\"></textarea></p>\n",
        "<p class=\"signature\"><span>Signature</span></p>\n"
    ));
    let tally = if findings == 0 {
        "No findings to dispose of.".to_string()
    } else {
        format!("Dispositions: {findings} open.")
    };
    out.push_str(&format!(
        "<p id=\"disposition-tally\" class=\"tally\">{tally}</p>\n</section>\n"
    ));
}
