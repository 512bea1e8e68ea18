//! What an article's front matter says about where and to whom it is published, and what it
//! sells: `jurisdiction`, `audience` and `product-class`. Read line by line from the YAML
//! (`key: value`) or TOML (`key = "value"`) block the Markdown front end found; every other key
//! is the site generator's and is left alone.

use std::fmt;

use crate::source::Span;

/// A regulatory regime a rule follows and an article is published under.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Jurisdiction {
    /// United States: FTC Act, FDA (FD&C Act, DSHEA).
    Us,
    /// United Kingdom: CAP and BCAP Codes (ASA), MHRA, retained food-claims law.
    Uk,
    /// European Union: Regulation 1924/2006, the Medical Devices Regulation, the UCPD.
    Eu,
}

impl Jurisdiction {
    /// Every jurisdiction, in display order.
    pub const ALL: [Jurisdiction; 3] = [Jurisdiction::Us, Jurisdiction::Uk, Jurisdiction::Eu];

    /// Lowercase code as written in packs, config and front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            Jurisdiction::Us => "us",
            Jurisdiction::Uk => "uk",
            Jurisdiction::Eu => "eu",
        }
    }

    /// The code's jurisdiction (any case).
    pub fn parse(code: &str) -> Option<Jurisdiction> {
        Jurisdiction::ALL
            .into_iter()
            .find(|j| j.as_str().eq_ignore_ascii_case(code.trim()))
    }

    /// The error text for a code that names no jurisdiction.
    pub fn unknown(code: &str) -> String {
        format!("unknown jurisdiction `{code}`; known: us, uk, eu")
    }

    /// Whether `list` includes this one.
    pub fn in_list(self, list: &[Jurisdiction]) -> bool {
        list.contains(&self)
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who an article is written for.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The public: consumer advertising rules apply.
    Consumer,
    /// Healthcare professionals.
    Professional,
}

impl Audience {
    fn parse(value: &str) -> Option<Audience> {
        match value {
            "consumer" => Some(Audience::Consumer),
            "professional" => Some(Audience::Professional),
            _ => None,
        }
    }

    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Consumer => "consumer",
            Audience::Professional => "professional",
        }
    }
}

/// What the article sells.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ProductClass {
    /// A clinic's or practitioner's service.
    Service,
    /// A dietary or food supplement.
    Supplement,
    /// A medical device.
    Device,
    /// A medicine.
    Drug,
    /// A cosmetic.
    Cosmetic,
    /// A food.
    Food,
}

impl ProductClass {
    /// Every class, in display order.
    pub const ALL: [ProductClass; 6] = [
        ProductClass::Service,
        ProductClass::Supplement,
        ProductClass::Device,
        ProductClass::Drug,
        ProductClass::Cosmetic,
        ProductClass::Food,
    ];

    /// Lowercase name as written in packs and front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductClass::Service => "service",
            ProductClass::Supplement => "supplement",
            ProductClass::Device => "device",
            ProductClass::Drug => "drug",
            ProductClass::Cosmetic => "cosmetic",
            ProductClass::Food => "food",
        }
    }

    /// The class of a lowercase name.
    pub fn parse(value: &str) -> Option<ProductClass> {
        ProductClass::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// What an article's front matter declares; `None` where it says nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// The jurisdictions it is published under, replacing the configured profile.
    pub jurisdictions: Option<Vec<Jurisdiction>>,
    /// Who it is written for.
    pub audience: Option<Audience>,
    /// What it sells.
    pub product_class: Option<ProductClass>,
}

/// A key of ours with a value we cannot use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    /// The value in the source.
    pub span: Span,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl Article {
    /// The article's declarations, read from `src`'s front matter at `front_matter`.
    pub fn read(src: &str, front_matter: Option<Span>) -> Result<Article, FrontMatterError> {
        let mut article = Article::default();
        let Some(span) = front_matter else {
            return Ok(article);
        };
        let (start, end) = (span.start as usize, (span.end as usize).min(src.len()));
        let Some(block) = src.get(start..end) else {
            return Ok(article);
        };
        let mut offset = start;
        for line in block.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            // Top-level keys only: an indented line belongs to another key's value.
            let Some((key, value, value_at)) = key_value(line) else {
                continue;
            };
            let value_span = Span::new(at + value_at, at + value_at + value.len());
            let fail = |message: String| FrontMatterError {
                span: value_span,
                message,
            };
            let value = unquote(value);
            match key {
                "jurisdiction" | "jurisdictions" => {
                    let list = jurisdictions(value).map_err(fail)?;
                    article.jurisdictions = Some(list);
                }
                "audience" => {
                    let a = Audience::parse(&value.to_ascii_lowercase()).ok_or_else(|| {
                        fail(format!(
                            "unknown audience `{value}`; known: consumer, professional"
                        ))
                    })?;
                    article.audience = Some(a);
                }
                "product-class" => {
                    let c = ProductClass::parse(&value.to_ascii_lowercase()).ok_or_else(|| {
                        fail(format!(
                            "unknown product-class `{value}`; known: service, supplement, \
                             device, drug, cosmetic, food"
                        ))
                    })?;
                    article.product_class = Some(c);
                }
                _ => {}
            }
        }
        Ok(article)
    }
}

/// A top-level `key: value` or `key = value` line: its key, its value (comment and spaces
/// trimmed) and the value's offset in the line.
fn key_value(line: &str) -> Option<(&str, &str, usize)> {
    if line.starts_with(char::is_whitespace) || line.starts_with('#') {
        return None;
    }
    let sep = line.find([':', '='])?;
    let key = line[..sep].trim();
    let rest = &line[sep + 1..];
    // A comment after the value ends it (`uk  # Great Britain`); a `#` inside quotes does not
    // occur in any value we accept, so no quote tracking is needed.
    let rest = rest.split(" #").next().unwrap_or(rest);
    let value = rest.trim();
    let value_at = sep + 1 + (rest.len() - rest.trim_start().len());
    Some((key, value, value_at))
}

/// A value without its quotes.
fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner.trim();
        }
    }
    v
}

/// `uk`, `[uk, eu]` or `uk, eu`: one or more jurisdictions.
fn jurisdictions(value: &str) -> Result<Vec<Jurisdiction>, String> {
    let inner = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .unwrap_or(value);
    if inner.trim().is_empty() {
        return Err("`jurisdiction` needs a value on its line, such as `uk` or `[uk, eu]`".into());
    }
    let mut list = Vec::new();
    for code in inner.split(',').map(unquote) {
        let j = Jurisdiction::parse(code).ok_or_else(|| Jurisdiction::unknown(code))?;
        if !list.contains(&j) {
            list.push(j);
        }
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> Result<Article, FrontMatterError> {
        Article::read(src, Some(Span::new(0, src.len())))
    }

    #[test]
    fn yaml_and_toml_keys_are_read_and_others_left_alone() {
        let a = read(
            "---\ntitle: Vitamin D: what we know\njurisdiction: UK\naudience: professional\n\
             product-class: \"supplement\"  # sold in our shop\ntags:\n  jurisdiction: fr\n---\n",
        )
        .unwrap();
        assert_eq!(a.jurisdictions, Some(vec![Jurisdiction::Uk]));
        assert_eq!(a.audience, Some(Audience::Professional));
        assert_eq!(a.product_class, Some(ProductClass::Supplement));
        let t =
            read("+++\njurisdiction = [\"uk\", \"eu\"]\nproduct-class = 'drug'\n+++\n").unwrap();
        assert_eq!(
            t.jurisdictions,
            Some(vec![Jurisdiction::Uk, Jurisdiction::Eu])
        );
        assert_eq!(t.product_class, Some(ProductClass::Drug));
        assert_eq!(Article::read("text", None).unwrap(), Article::default());
    }

    #[test]
    fn a_bad_value_is_an_error_at_the_value() {
        let src = "---\ntitle: x\njurisdiction: fr\n---\n";
        let e = read(src).unwrap_err();
        assert_eq!(&src[e.span.start as usize..e.span.end as usize], "fr");
        assert!(
            e.message.contains("unknown jurisdiction `fr`"),
            "{}",
            e.message
        );
        let e = read("---\naudience: doctors\n---\n").unwrap_err();
        assert!(
            e.message.contains("consumer, professional"),
            "{}",
            e.message
        );
        let e = read("---\nproduct-class:\n---\n").unwrap_err();
        assert!(e.message.contains("product-class ``"), "{}", e.message);
        assert!(read("---\njurisdiction: []\n---\n").is_err());
    }
}
