//! `unhedged-outcome-claim`: something sold is said to produce a health outcome — relief,
//! repair, a stronger immune system — with nothing in scope to hedge it.

use crate::diagnostic::Sink;
use crate::rules::claim::report::{group, report, subject_words};
use crate::rules::claim::{Claim, Form, Subject, SubjectKind};
use crate::rules::{DocContext, DocumentRule};
use crate::text::phrase::SetMask;

/// The rule.
pub struct OutcomeClaim {
    /// The relation sets (a sentence without one has no claim).
    pub triggers: SetMask,
}

/// Why an unhedged claim is an outcome claim of what is sold, if it is one.
fn fires(c: &Claim) -> Option<&'static str> {
    if c.excuse.is_some() || c.hedge.is_some() || c.form == Form::Property {
        return None;
    }
    let because = c.speaks_for()?;
    // Without an object, only a clinic treatment's own verbs of repair ("the fibrin heals").
    if c.object.is_none()
        && !(c.alone
            && matches!(
                c.subject,
                Subject::Named {
                    kind: SubjectKind::Therapy | SubjectKind::HighRisk,
                    ..
                }
            ))
    {
        return None;
    }
    Some(because)
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
                    let because = fires(c)?;
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
