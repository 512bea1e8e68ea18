//! `unhedged-outcome-claim`: something sold is said to produce a health outcome — relief,
//! repair, a stronger immune system — with nothing in scope to hedge it.

use crate::diagnostic::Sink;
use crate::rules::claim::Claim;
use crate::rules::claim::policy::outcome_claim;
use crate::rules::claim::report::{group, report, subject_words};
use crate::rules::{DocContext, DocumentRule};
use crate::text::phrase::SetMask;

/// The rule.
pub struct OutcomeClaim {
    /// The relation sets (a sentence without one has no claim).
    pub triggers: SetMask,
}

impl DocumentRule for OutcomeClaim {
    fn sentence_triggers(&self) -> Option<SetMask> {
        Some(self.triggers)
    }

    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        let claims = cx.claims();
        for (view, claims) in cx.sentences.iter().zip(claims) {
            if claims.is_empty() {
                continue;
            }
            let text = cx.doc.sentence_text(&cx.doc.sentences[view.index]);
            let firing: Vec<(&Claim, String)> = claims
                .iter()
                .filter_map(|c| {
                    let because = outcome_claim(c)?;
                    let mut why = String::from("why: ");
                    if let Some(s) = subject_words(view, text, c) {
                        why.push_str(&s);
                        why.push_str(" makes it");
                    } else {
                        why.push_str(because);
                    }
                    why.push_str("; no negation or hedge in this clause; stated, not asked");
                    Some((c, why))
                })
                .collect();
            for finding in group(view, firing) {
                report(cx, sink, view, &finding, "stated as certain");
            }
        }
    }
}
