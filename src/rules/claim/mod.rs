//! The claim reader. A health claim is a relation — "treats", "relieves", "relief from",
//! "anti-inflammatory", "the pain disappears" — between a subject (a product or service, the
//! business, a pronoun standing for what the page sells, or nobody at all in a headline or an
//! imperative) and a health object (a disease, a symptom, a body system or function). The
//! reader finds every relation in a sentence, its object and subject, and the context that
//! may excuse it (negation, a question, reported speech, a regulator's own approval, a
//! paragraph that says the evidence is lacking) or qualify it (a hedge), plus the signs that
//! the text sells something. Rules (`outcome-claim`, `disease-claim`, `testimonial-claim`)
//! decide which claims are findings; the reader decides nothing.

mod listed;
mod object;
mod page;
pub mod policy;
pub mod read;
mod relation;
pub mod report;
pub mod sets;
mod subject;
mod words;

pub use listed::Listed;
pub use page::{DocumentClaims, read_document};
pub use read::in_first_person;
pub use sets::ClaimSets;

/// What every word that addresses the reader starts with: the claim reader finds them by
/// searching a sentence for it.
pub(super) const READER_PREFIX: &str = "you";

/// Whether a word addresses the reader: "you", "your", "yourself" ("you'll" is read as "you
/// will").
pub fn addresses_reader(word: &str) -> bool {
    // One short prefix rules out most words.
    word.starts_with(READER_PREFIX) && matches!(word, "your" | "you" | "yourself")
}

/// How a claim is put.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Form {
    /// A verb and its object: "relieves knee pain", "protect your liver".
    Verb,
    /// A noun and its object: "relief from back pain", "a remedy for colds".
    Noun,
    /// An object and its noun: "hangover relief", "immune support".
    NounAfter,
    /// The object as subject: "the pain disappears", "your joints heal".
    State,
    /// A medicinal property: "anti-inflammatory", "a natural antibiotic".
    Property,
    /// An outcome named by its adjective: "enhanced disc healing", "less pain".
    Modified,
}

/// What a claim is about.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ObjectKind {
    /// A disease no unapproved product may claim to treat (cancer, COVID-19, diabetes …).
    Serious,
    /// Viruses, bacteria, cancer cells.
    Pathogen,
    /// Any other disease, disorder or injury.
    Disease,
    /// An everyday symptom (aches, stress, bloating).
    Symptom,
    /// A body function or state (immunity, energy, sleep).
    Function,
    /// A part or system of the body (joints, skin, the immune system).
    Body,
}

impl ObjectKind {
    /// Whether a claim to treat, prevent or mitigate it is a disease claim.
    pub fn is_disease(self) -> bool {
        matches!(
            self,
            ObjectKind::Serious | ObjectKind::Pathogen | ObjectKind::Disease
        )
    }

    /// A word for messages.
    pub fn noun(self) -> &'static str {
        match self {
            ObjectKind::Serious | ObjectKind::Disease => "a disease",
            ObjectKind::Pathogen => "a pathogen",
            ObjectKind::Symptom => "a symptom",
            ObjectKind::Function => "a body function",
            ObjectKind::Body => "the body",
        }
    }
}

/// The health object of a claim: tokens `first..=last` of its sentence.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Object {
    /// First token.
    pub first: u32,
    /// Last token.
    pub last: u32,
    /// What it is.
    pub kind: ObjectKind,
}

/// Who makes a claim.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SubjectKind {
    /// A product regulators act against whatever the hedging (stem cells, CBD, ozone …).
    HighRisk,
    /// A clinic treatment or service.
    Therapy,
    /// A consumer product or ingredient.
    Product,
    /// The business: "we", "our clinic".
    Business,
    /// A name the text gives a product: a trademark sign, capitals.
    Brand,
    /// "it", "they", "this".
    Pronoun,
}

impl SubjectKind {
    /// Whether it is something sold (not a pronoun).
    pub fn is_promoted(self) -> bool {
        self != SubjectKind::Pronoun
    }

    /// Whether it names what is sold: a therapy, a product or a high-risk product (not the
    /// business, a brand name or a pronoun).
    pub fn is_sold(self) -> bool {
        matches!(
            self,
            SubjectKind::Therapy | SubjectKind::Product | SubjectKind::HighRisk
        )
    }

    /// A word for notes.
    pub fn noun(self) -> &'static str {
        match self {
            SubjectKind::HighRisk | SubjectKind::Product => "the product",
            SubjectKind::Therapy => "the treatment",
            SubjectKind::Business => "the business",
            SubjectKind::Brand => "the product name",
            SubjectKind::Pronoun => "the pronoun",
        }
    }
}

/// The subject of a claim.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// Named in the claim's clause, at tokens `first..=last`.
    Named {
        /// What it is.
        kind: SubjectKind,
        /// First token.
        first: u32,
        /// Last token.
        last: u32,
    },
    /// None: a headline, a label, an imperative ("Relieves joint pain", "Boost your immunity").
    Absent,
    /// The body itself: "your body knows how to heal a cut".
    Body,
    /// Something the reader does not know (a drug, a person).
    Unknown,
    /// Standard care or a healthy habit ("physical therapy strengthens …", "exercise improves
    /// your mood"): education, unless the text sells.
    Standard,
}

/// Why a claim is not the text's own.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Excuse {
    /// A negation has it in scope.
    Negated,
    /// Asked, not claimed.
    Question,
    /// A condition ("if it relieves your pain, …").
    Hypothetical,
    /// Someone else's claim.
    Reported,
    /// A regulator's approval stated with its use.
    ApprovedUse,
    /// Its paragraph says the evidence does not support it.
    EvidenceDisclaimed,
    /// Its clause says it is still being studied.
    UnderStudy,
}

/// Signs that a sentence sells what it talks about.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Signals {
    /// "we", "our".
    pub business: bool,
    /// A call to action, a price or a trademark sign.
    pub selling: bool,
    /// Marketing superlatives in its clause: "ultimate", "in as little as", "powerful".
    pub hype: bool,
    /// An intensifier in its clause: "greatly", "vastly".
    pub intensifier: bool,
    /// An exclamation mark.
    pub exclamation: bool,
    /// The reader addressed in the claim's clause: "your immune system".
    pub address: bool,
    /// The reader addressed anywhere in the sentence.
    pub address_sentence: bool,
    /// A headline: most words capitalised.
    pub headline: bool,
    /// The claim is a tagline's: a noun that promises relief, a remedy or an answer for an
    /// ailment, with no subject, in a few words with no finite verb ("Fast, lasting relief for
    /// sciatica."; see `words::is_tagline` and `words::promising_noun`).
    pub tagline: bool,
}

impl Signals {
    /// Whether the text sells or speaks to the reader (a purpose is then a promise: "We use
    /// PRP to heal your tendons").
    pub fn promotional(&self) -> bool {
        self.business || self.selling || self.address || self.hype
    }
}

/// One claim, read in context.
#[derive(Clone, Debug)]
pub struct Claim {
    /// How it is put.
    pub form: Form,
    /// Whether its verb is a claim even without an object, when a treatment is its subject.
    pub alone: bool,
    /// Whether it is about the risk of a disease ("reduces the risk of").
    pub risk: bool,
    /// Whether its relation is a claim whoever makes it ("reverses", "eradicates").
    pub drastic: bool,
    /// Whether it is a change told in the past ("the pain cleared up"): a story, which only
    /// the business or selling words make a promise.
    pub told_in_past: bool,
    /// Whether its noun only names a treatment ("cancer treatment"), not a benefit ("relief"),
    /// or its adjective is the everyday "better" of a slogan ("Better Hearing").
    pub neutral_noun: bool,
    /// For a property, whether the text calls it one ("antiviral properties").
    pub property_noun: bool,
    /// Whether it states a purpose rather than a result ("people take supplements to improve
    /// their health", "for the treatment of").
    pub purpose: bool,
    /// Whether its verb only names a service ("our chiropractors treat back pain"): a verb of
    /// `disease-only-verb` ("treat", "manage") with a symptom or body part promises no outcome
    /// (with a disease it is a drug claim), nor does the scope of a clinic's care ("our
    /// providers treat conditions of the foot").
    pub service: bool,

    /// First token of the relation.
    pub first: u32,
    /// Last token of the relation.
    pub last: u32,
    /// What it is about (absent for a property, and for a verb whose object the reader does
    /// not know).
    pub object: Option<Object>,
    /// Who makes it.
    pub subject: Subject,
    /// What kind of product or service its sentence or paragraph names, if any.
    pub topic: Option<SubjectKind>,
    /// Whether the topic is named in the claim's own sentence.
    pub topic_in_sentence: bool,
    /// Whether its subject opens the sentence and points back to what the page offers, with a
    /// verb that lets it (not "is used to"; "help" only with an ailment): a pronoun ("It
    /// restores damaged tissue") or an unknown subject that refers the same way ("This process
    /// strengthens …", "The treatment calms …"), which a sentence standing alone (an advert, a
    /// bullet, a quote in a ruling) still speaks for.
    pub opens_with_reference: bool,
    /// Whether it is put as what evidence shows ("Studies show that PRP rebuilds cartilage"):
    /// then the evidence claim is the finding.
    pub as_evidence: bool,

    /// A hedge in scope ("may", "in some patients", "results vary").
    pub hedge: Option<crate::text::phrase::Hit>,
    /// Why it is not the text's own claim, if it is not.
    pub excuse: Option<Excuse>,
    /// A booster in its clause ("completely", "permanently").
    pub booster: Option<crate::text::phrase::Hit>,
    /// Signs of selling in its sentence.
    pub signals: Signals,
    /// Whether its page sells something (a price, a call to action, "our" in two sentences).
    pub page_promotes: bool,
}

impl Claim {
    /// The named subject's kind.
    pub fn subject_kind(&self) -> Option<SubjectKind> {
        match self.subject {
            Subject::Named { kind, .. } => Some(kind),
            _ => None,
        }
    }

    /// Why the claim speaks for something sold, if it does: who or what makes it, or, when
    /// nobody is named, the signs of selling around it.
    pub fn speaks_for(&self) -> Option<&'static str> {
        let s = &self.signals;
        let selling = s.business || s.selling;
        match (self.form, self.subject) {
            (Form::State, _) => {
                // A change told in the past is a story: only the business or the reader
                // addressed makes it a promise, not emphatic words alone.
                let (sold, in_words, in_paragraph) = if self.told_in_past {
                    (
                        selling || s.address,
                        "a symptom is said to have changed, told by the business",
                        "a symptom is said to have changed, in a paragraph about a product",
                    )
                } else {
                    (
                        selling
                            || s.address
                            || self.drastic
                            || s.hype
                            || s.intensifier
                            || s.exclamation
                            || self.booster.is_some(),
                        "a symptom or body part is said to change, in selling words",
                        "a symptom or body part is said to change, in a paragraph about a product",
                    )
                };
                sold.then_some(in_words)
                    .or_else(|| self.topic.as_ref().map(|_| in_paragraph))
            }
            (_, Subject::Named { kind, .. }) if kind.is_promoted() => Some(match kind {
                SubjectKind::Business => "the business makes it",
                SubjectKind::Brand => "a product name is its subject",
                SubjectKind::Therapy => "a treatment is its subject",
                _ => "a product is its subject",
            }),
            (Form::Property, Subject::Named { .. }) => {
                Some("a medicinal property is claimed for it")
            }
            (Form::Property, _) if self.property_noun => {
                Some("the text says something has the medicinal property")
            }
            (_, Subject::Named { .. }) => (s.business
                || s.selling
                || s.hype
                // "It lowers blood pressure naturally": a pronoun's claim made emphatic.
                || s.intensifier
                || s.headline
                || s.exclamation
                || s.address_sentence
                || self.page_promotes
                || self.topic.is_some()
                || (self.drastic && self.object.is_some())
                || self.claimed_by_reference())
            .then_some("its pronoun stands for what the page promotes"),
            (Form::Verb | Form::Property, Subject::Absent) => {
                Some("it has no subject: a headline, label or imperative speaks for the product")
            }
            (Form::Modified, _) => (s.hype
                || selling
                || s.exclamation
                || (s.headline && !self.neutral_noun)
                || self.topic_in_sentence)
                .then_some("a headline or label names the outcome a product brings"),
            (_, Subject::Absent) => {
                (s.hype || selling || s.exclamation || self.topic.is_some() || s.tagline)
                    .then_some("it has no subject: a headline or label speaks for the product")
            }
            // "… keep your nervous system clear so your body can fight off colds": the body
            // does what the product is sold to make it do.
            (_, Subject::Body) => {
                (self.booster.is_some() || selling || s.hype || self.topic_in_sentence)
                    .then_some("the body is said to do it because of a product")
            }

            (_, Subject::Unknown | Subject::Standard) => {
                let noun = matches!(self.form, Form::Noun | Form::NounAfter);
                // Advice about standard care or a habit addresses the reader and may promise
                // much ("walking every day reverses …") without selling anything.
                let standard = self.subject == Subject::Standard;
                if s.address && !noun && !standard {
                    Some("it is addressed to the reader")
                } else if self.drastic && self.object.is_some() && !standard {
                    Some("its verb promises to end the condition, whoever makes it")
                } else if s.hype && self.object.is_some() {
                    Some("it is put in selling words")
                } else if noun
                    && (s.intensifier
                        || self.topic.is_some()
                        || (s.headline && self.form == Form::NounAfter && !self.neutral_noun))
                {
                    Some("a headline or label names the benefit of a product")
                } else if s.headline && self.form == Form::Verb && self.object.is_some() {
                    Some("a headline makes it")
                } else if selling {
                    Some("its sentence sells")
                } else if self.booster.is_some() || (s.hype && self.topic.is_some()) {
                    Some("it is put in selling words")
                } else if self.form == Form::Property && self.topic.is_some() {
                    Some("a product has the property")
                } else if self.claimed_by_reference() {
                    // Set only for an unknown subject, never for standard care.
                    Some("its opening words point back to what the page offers")
                } else {
                    None
                }
            }
        }
    }

    /// Whether its opening reference ([`Claim::opens_with_reference`]) makes a claim: a verb
    /// with an object ("It eases joint pain").
    fn claimed_by_reference(&self) -> bool {
        self.opens_with_reference && self.form == Form::Verb && self.object.is_some()
    }

    /// The first and last token the claim spans: its relation and its object.
    pub fn extent(&self) -> (u32, u32) {
        match self.object {
            Some(o) => (self.first.min(o.first), self.last.max(o.last)),
            None => (self.first, self.last),
        }
    }
}

/// A relation found in a sentence, with every role its words may play.
#[derive(Copy, Clone, Debug, Default)]
struct Relation {
    first: u32,
    last: u32,
    disease_verb: bool,
    benefit_verb: bool,
    noun: bool,
    noun_after: bool,
    state: bool,
    property: bool,
    /// An adjective of a better function ("enhanced healing") or a smaller symptom ("less
    /// pain").
    up: bool,
    down: bool,
    /// A function and a comparative in one ("sleep better"): its first word is its object.
    function_inside: bool,
}

impl Relation {
    /// Take on `other`'s roles too: the same words in another vocabulary.
    fn join(&mut self, other: &Relation) {
        self.disease_verb |= other.disease_verb;
        self.benefit_verb |= other.benefit_verb;
        self.noun |= other.noun;
        self.noun_after |= other.noun_after;
        self.state |= other.state;
        self.property |= other.property;
        self.up |= other.up;
        self.down |= other.down;
        self.function_inside |= other.function_inside;
    }
}
