//! `unhedged-outcome-claim`: something sold is said to produce a health outcome — relief,
//! repair, a stronger immune system — with nothing in scope to hedge it.

use crate::diagnostic::Sink;
use crate::rules::claim::policy::outcome_claim;
use crate::rules::claim::report::{push_subject_words, report_claims_with};
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
        report_claims_with(
            cx,
            sink,
            ("stated as certain", "also stated as certain"),
            true,
            |view, text, c| {
                let because = outcome_claim(c)?;
                let mut why = String::from("why: ");
                if push_subject_words(view, text, c, &mut why) {
                    why.push_str(" makes it");
                } else {
                    why.push_str(because);
                }
                why.push_str("; no negation or hedge in this clause; stated, not asked");
                Some(why)
            },
        );
    }
}
