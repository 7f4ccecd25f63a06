//! A policy's body before it is written in any flavor's syntax: headings,
//! paragraphs of sentences (some with **bold** or *italic*), bullet lists,
//! now and then a table, and the policy's links, each in a sentence of
//! its own placed in a random paragraph.

use crate::Options;
use crate::links::{self, Link, LinkKind};
use crate::plan::{Handbook, Policy};
use crate::rng::Rng;
use crate::vocab::*;

#[derive(Debug, Clone)]
pub enum Block {
    Heading(u8, &'static str),
    Paragraph(Vec<Sentence>),
    List(Vec<String>),
    Table {
        head: &'static [&'static str],
        rows: Vec<Vec<String>>,
    },
}

#[derive(Debug, Clone)]
pub enum Sentence {
    Text(String),
    /// `before`, then link number `link` of the body, then `after`.
    Link {
        before: String,
        link: usize,
        after: String,
    },
}

/// A policy's body: its blocks and the links they refer to.
#[derive(Debug, Clone)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
}

/// Policy `p`'s body, about `opts.words` words (±15%).
pub fn body(p: &Policy, handbook: &Handbook, opts: &Options) -> Body {
    let mut rng = Rng::stream(opts.seed, "body", p.index as u64);
    let links = links::plan(p, handbook, &mut rng);
    let mut prose = Prose {
        rng: &mut rng,
        kind: p.kind_in_sentence(),
        subject: in_sentence(p.subject),
    };
    // Each link's sentence is about ten words.
    let target = opts.words as f64 * prose.rng.uniform(0.85, 1.15) - 10.0 * links.len() as f64;
    let mut want_table = prose.rng.chance(0.3);
    let mut blocks = Vec::new();
    let mut total = 0;
    let sections = p.headings.len();
    for (u, h) in p.headings.iter().enumerate() {
        blocks.push(Block::Heading(h.level, h.text));
        total += words(h.text);
        if h.text == "Purpose" {
            let opening = format!(
                "This {} explains how {ORGANISATION} handles {}, {}.",
                prose.kind,
                prose.subject,
                prose.rng.pick(&PURPOSES)
            );
            let mut sentences = vec![Sentence::Text(opening)];
            sentences.extend(prose.paragraph(1, 3));
            blocks.push(Block::Paragraph(sentences));
            total += block_words(blocks.last().unwrap());
            continue;
        }
        // Each section brings the body up to its share of the words.
        let goal = target * (u + 1) as f64 / sections as f64;
        let mut first = true;
        while first || ((total + 60) as f64) < goal {
            first = false;
            let roll = prose.rng.unit();
            let block = if roll < 0.16 {
                Block::List(prose.bullets())
            } else if roll < 0.2 && want_table {
                want_table = false;
                prose.table()
            } else {
                Block::Paragraph(prose.paragraph(3, 5))
            };
            total += block_words(&block);
            blocks.push(block);
        }
    }
    let paragraphs: Vec<usize> = (0..blocks.len())
        .filter(|&i| matches!(blocks[i], Block::Paragraph(_)))
        .collect();
    for (n, link) in links.iter().enumerate() {
        let pattern = match link.kind {
            LinkKind::SamePage => *rng.pick(&SELF_LINK_SENTENCES),
            LinkKind::External => *rng.pick(&EXTERNAL_SENTENCES),
            LinkKind::Asset => *rng.pick(&ASSET_SENTENCES),
            _ => *rng.pick(&LINK_SENTENCES),
        };
        let role = *rng.pick(&ROLES);
        let text = pattern
            .replace("{kind}", &p.kind_in_sentence())
            .replace("{role}", role);
        let (before, after) = text.split_once("{L}").expect("every link sentence has {L}");
        let sentence = Sentence::Link {
            before: before.to_string(),
            link: n,
            after: after.to_string(),
        };
        let Block::Paragraph(sentences) = &mut blocks[*rng.pick(&paragraphs)] else {
            unreachable!("paragraphs holds paragraphs")
        };
        let at = rng.below(sentences.len() + 1);
        sentences.insert(at, sentence);
    }
    Body { blocks, links }
}

fn words(s: &str) -> usize {
    s.split(' ').count()
}

fn block_words(b: &Block) -> usize {
    match b {
        Block::Heading(_, text) => words(text),
        Block::Paragraph(sentences) => sentences
            .iter()
            .map(|s| match s {
                Sentence::Text(t) => words(t),
                Sentence::Link { before, after, .. } => words(before) + words(after),
            })
            .sum(),
        Block::List(items) => items.iter().map(|i| words(i)).sum(),
        Block::Table { rows, .. } => rows.iter().flatten().map(|c| words(c)).sum(),
    }
}

/// Writes sentences about one policy.
struct Prose<'r> {
    rng: &'r mut Rng,
    /// "policy", "procedure", ...
    kind: String,
    /// The subject as it reads in a sentence.
    subject: String,
}

impl Prose<'_> {
    fn role(&mut self) -> &'static str {
        ROLES[self.rng.below(ROLES.len())]
    }

    fn action(&mut self) -> String {
        let role = *self.rng.pick(&ROLES);
        self.rng.pick(&ACTIONS).replace("{role}", role)
    }

    fn modal(&mut self) -> &'static str {
        let modal = *self.rng.pick(&MODALS);
        if modal == "must" && self.rng.chance(0.25) {
            "**must**"
        } else {
            modal
        }
    }

    fn sentence(&mut self) -> String {
        let kind = self.kind.clone();
        match self.rng.below(14) {
            0..=2 => {
                let (group, modal) = (*self.rng.pick(&GROUPS), self.modal());
                format!("{group} {modal} {}.", self.action())
            }
            3 | 4 => {
                let (when, group) = (*self.rng.pick(&CONDITIONS), self.rng.pick(&GROUPS));
                let modal = self.modal();
                format!("{when} {} {modal} {}.", group.to_lowercase(), self.action())
            }
            5 => format!(
                "This {kind} describes how the organisation will {} {}.",
                self.rng.pick(&ORG_ACTIONS),
                self.rng.pick(&PURPOSES)
            ),
            6 => format!(
                "{} is responsible for {}.",
                capitalise(self.role()),
                self.rng.pick(&RESPONSIBILITIES)
            ),
            7 => {
                let action = *self.rng.pick(&ORG_ACTIONS);
                let mut when = self.rng.pick(&FREQUENCIES).to_string();
                if self.rng.chance(0.2) {
                    when = format!("*{when}*");
                }
                format!(
                    "The organisation will {action} and will look again at these arrangements {when}."
                )
            }
            8 => {
                let group = self.rng.pick(&GROUPS).to_lowercase();
                let action = self.action();
                format!(
                    "It matters that {group} {action}, {}.",
                    self.rng.pick(&PURPOSES)
                )
            }
            9 => format!(
                "Records kept under this {kind} are held {} and then securely destroyed.",
                self.rng.pick(&RETENTIONS)
            ),
            10 => format!(
                "Where it is appropriate, {} may {}.",
                self.rng.pick(&ROLES),
                self.rng.pick(&ROLE_ACTIONS)
            ),
            11 => format!(
                "{} {} {}.",
                self.rng.pick(&GROUPS),
                self.rng.pick(&["must not", "should never"]),
                self.rng.pick(&NEG_ACTIONS)
            ),
            12 => format!(
                "{} reviews the arrangements for {} {}.",
                capitalise(self.role()),
                self.subject,
                self.rng.pick(&FREQUENCIES)
            ),
            _ => format!(
                "A breach of this {kind} may be dealt with under the disciplinary procedure."
            ),
        }
    }

    fn paragraph(&mut self, lo: i64, hi: i64) -> Vec<Sentence> {
        (0..self.rng.between(lo, hi))
            .map(|_| Sentence::Text(self.sentence()))
            .collect()
    }

    fn bullets(&mut self) -> Vec<String> {
        let count = self.rng.between(3, 6) as usize;
        let picks = self.rng.sample(&ACTIONS, count);
        picks
            .into_iter()
            .map(|a| {
                let role = *self.rng.pick(&ROLES);
                format!("{}.", capitalise(&a.replace("{role}", role)))
            })
            .collect()
    }

    fn table(&mut self) -> Block {
        if self.rng.chance(0.5) {
            let roles = self.rng.sample(&ROLES, 4);
            let duties = self.rng.sample(&RESPONSIBILITIES, 4);
            let rows = roles
                .iter()
                .zip(duties)
                .map(|(r, d)| {
                    let r = ["the ", "their ", "a "]
                        .iter()
                        .find_map(|a| r.strip_prefix(a))
                        .unwrap_or(r);
                    vec![capitalise(r), capitalise(d)]
                })
                .collect();
            Block::Table {
                head: &["Role", "Responsibility"],
                rows,
            }
        } else {
            const WHEN: [&str; 5] = [
                "At once",
                "Within one working day",
                "Within a week",
                "Within four weeks",
                "At the next review",
            ];
            let rows = (0..self.rng.between(3, 5) as usize)
                .map(|k| {
                    vec![
                        (k + 1).to_string(),
                        capitalise(&self.action()),
                        WHEN[k].to_string(),
                    ]
                })
                .collect();
            Block::Table {
                head: &["Stage", "Action", "When"],
                rows,
            }
        }
    }
}
