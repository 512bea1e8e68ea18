//! Which claims are findings: the decisions of the outcome and disease rules, side by side so
//! that each claim goes to one of them.

use super::{Claim, Form, ObjectKind, Subject, SubjectKind};

/// Why an unhedged claim is an outcome claim of what is sold, if it is one.
pub fn outcome_claim(c: &Claim) -> Option<&'static str> {
    if c.excuse.is_some() || c.hedge.is_some() || c.form == Form::Property || c.service {
        return None;
    }
    // A disease claim is that rule's, and a claim put as what studies show is the evidence
    // rule's, so that each claim is reported once.
    if c.as_evidence || disease_claim_as(c, c.hedge.is_some()).is_some() {
        return None;
    }
    // A purpose is not a result, unless the text sells it.
    if c.purpose && !c.signals.promotional() {
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

/// Why a claim is a disease claim of what is sold, if it is one.
pub fn disease_claim(c: &Claim) -> Option<&'static str> {
    disease_claim_as(c, c.hedge.is_some())
}

/// Whether some rule could take the claim once its context is read: an outcome claim, or a
/// disease claim hedged or not. Claims no rule could take are not read further.
pub fn could_be_taken(c: &Claim) -> bool {
    outcome_claim(c).is_some()
        || disease_claim_as(c, false).is_some()
        || disease_claim_as(c, true).is_some()
}

/// [`disease_claim`], as if the claim were `hedged` or not (a `'static` reason, so that
/// [`could_be_taken`] asks it of every claim read without building a string).
fn disease_claim_as(c: &Claim, hedged: bool) -> Option<&'static str> {
    if c.excuse.is_some() || c.service {
        return None;
    }
    let disease = c.form == Form::Property || c.object.is_some_and(|o| o.kind.is_disease());
    if !disease {
        return None;
    }
    if c.purpose && !c.signals.promotional() {
        return None;
    }
    if !hedged {
        return c.speaks_for();
    }
    // "may reduce the risk of": the form of the health claims food law authorises.
    let serious = c.object.is_some_and(|o| o.kind == ObjectKind::Serious) && !c.risk;
    let kind = c.subject_kind();
    let topic = c.topic;
    if kind == Some(SubjectKind::HighRisk) || topic == Some(SubjectKind::HighRisk) {
        Some("the product is one regulators act against whatever the hedging")
    } else if kind == Some(SubjectKind::Brand) {
        Some("a named product makes it, and its seller may not claim it even hedged")
    } else if serious
        && matches!(
            kind,
            Some(SubjectKind::Therapy | SubjectKind::Product | SubjectKind::Brand)
        )
    {
        Some("the disease is serious, and a hedge does not make a treatment claim for it lawful")
    } else if c.signals.headline && c.subject == Subject::Absent {
        Some("a label or headline makes it for the product, and a hedge does not make it education")
    } else if c.signals.business || c.signals.selling {
        Some("the text sells the product, so a hedge does not make it education")
    } else if c.page_promotes && kind.is_some() {
        Some("the page sells the product, so a hedge does not make it education")
    } else {
        None
    }
}
