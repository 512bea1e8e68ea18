//! `disease-claim`: something sold is said to treat, prevent or mitigate a disease, or to have
//! a medicinal property — a drug claim for a product with no approval for that use. A hedge
//! does not excuse it when the product is one regulators act against, the disease is serious,
//! or the text sells the product.

use crate::diagnostic::Sink;
use crate::rules::claim::report::{group, report, subject_words, words};
use crate::rules::claim::{Claim, Form, ObjectKind, Subject, SubjectKind};
use crate::rules::{DocContext, DocumentRule};
use crate::text::phrase::SetMask;

/// The rule.
pub struct DiseaseClaim {
    /// The relation sets (a sentence without one has no claim).
    pub triggers: SetMask,
}

/// Why a claim is a disease claim of what is sold, if it is one.
fn fires(c: &Claim) -> Option<String> {
    if c.excuse.is_some() {
        return None;
    }
    let disease = c.form == Form::Property || c.object.is_some_and(|o| o.kind.is_disease());
    if !disease {
        return None;
    }
    if c.hedge.is_none() {
        return c.speaks_for().map(str::to_string);
    }
    // "may reduce the risk of": the form of the health claims food law authorises.
    let serious = c.object.is_some_and(|o| o.kind == ObjectKind::Serious) && !c.risk;
    let kind = c.subject_kind();
    let topic = c.topic.as_ref().map(|(k, _)| *k);
    if kind == Some(SubjectKind::HighRisk) || topic == Some(SubjectKind::HighRisk) {
        Some("the product is one regulators act against whatever the hedging".into())
    } else if serious
        && matches!(
            kind,
            Some(SubjectKind::Therapy | SubjectKind::Product | SubjectKind::Brand)
        )
    {
        Some("the disease is serious, and a hedge does not make a treatment claim for it lawful".into())
    } else if c.signals.business || c.signals.selling {
        Some("the text sells the product, so a hedge does not make it education".into())
    } else if c.page_promotes && kind.is_some() {
        Some("the page sells the product, so a hedge does not make it education".into())
    } else {
        None
    }
}

impl DocumentRule for DiseaseClaim {
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
                    match (subject_words(view, text, c), c.subject) {
                        (Some(s), _) => {
                            why.push_str(&s);
                            why.push_str(" makes it");
                        }
                        (None, Subject::Absent | Subject::Unknown) => why.push_str(&because),
                        _ => {}
                    }
                    match (c.form, c.object) {
                        (Form::Property, _) => {
                            why.push_str("; a medicinal property is a claim to treat a disease")
                        }
                        (_, Some(o)) => {
                            why.push_str(&format!(
                                "; \"{}\" is {}",
                                words(view, text, o.first, o.last),
                                o.kind.noun()
                            ));
                        }
                        _ => {}
                    }
                    if let Some(h) = c.hedge {
                        why.push_str(&format!(
                            "; the hedge \"{}\" does not excuse it: {because}",
                            view.hit_text(&h)
                        ));
                    }
                    Some((c, why))
                })
                .collect();
            for finding in group(view, firing) {
                report(cx, sink, view, &finding, "disease claim");
            }
        }
    }
}
