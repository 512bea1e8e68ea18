//! `disease-claim`: something sold is said to treat, prevent or mitigate a disease, or to have
//! a medicinal property — a drug claim for a product with no approval for that use. A hedge
//! does not excuse it when the product is one regulators act against, the disease is serious,
//! or the text sells the product.

use crate::diagnostic::Sink;
use crate::rules::claim::policy::disease_claim;
use crate::rules::claim::report::{push_object_note, push_subject_words, report_claims};
use crate::rules::claim::{Form, Subject};
use crate::rules::{DocContext, DocumentRule};
use crate::text::phrase::SetMask;

/// The rule.
pub struct DiseaseClaim {
    /// The relation sets (a sentence without one has no claim).
    pub triggers: SetMask,
}

impl DocumentRule for DiseaseClaim {
    fn sentence_triggers(&self) -> Option<SetMask> {
        Some(self.triggers)
    }

    fn check(&self, cx: &DocContext<'_>, sink: &mut Sink<'_>) {
        report_claims(
            cx,
            sink,
            ("disease claim", "also a disease claim"),
            |view, text, c| {
                let because = disease_claim(c)?;
                let mut why = String::from("why: ");
                if push_subject_words(view, text, c, &mut why) {
                    why.push_str(" makes it");
                } else if matches!(
                    c.subject,
                    Subject::Absent | Subject::Unknown | Subject::Standard
                ) {
                    why.push_str(because);
                }
                match (c.form, c.object) {
                    (Form::Property, _) => {
                        why.push_str("; a medicinal property is a claim to treat a disease")
                    }
                    (_, Some(o)) => {
                        why.push_str("; ");
                        push_object_note(view, text, &cx.lexicon.claim, c, o, &mut why);
                    }
                    _ => {}
                }
                if let Some(h) = c.hedge {
                    why.push_str(&format!(
                        "; the hedge \"{}\" does not excuse it: {because}",
                        view.hit_text(&h)
                    ));
                }
                Some(why)
            },
        );
    }
}
