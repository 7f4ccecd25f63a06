//! The accessibility statement (`accessibility.html`): the sections of
//! the UK public sector model statement, filled in from `accessibility:`
//! in `handbook.yaml` (see [`crate::handbook::accessibility`]), and
//! linked from every page's footer.

use super::{Renderer, human_date, urls};
use crate::error::Result;
use crate::site::write::Sink;
use serde::Serialize;

/// What the statement's template sees as `statement`.
#[derive(Serialize)]
struct Statement<'a> {
    /// Where to write: `accessibility.contact`, else `feedback_email`.
    contact: Option<&'a str>,
    phone: Option<&'a str>,
    response_days: Option<u32>,
    known_issues: &'a [String],
    /// "fully" when tested with no known issues, "partially" with known
    /// issues, "untested" when it has not been tested (and so cannot
    /// claim to comply).
    compliance: &'static str,
    last_tested: Option<String>,
    last_tested_iso: Option<String>,
    tested_by: Option<&'a str>,
}

impl Renderer<'_> {
    pub(super) fn statement_page(&self, sink: &dyn Sink) -> Result<()> {
        let config = &self.hb.config;
        let a = &config.accessibility;
        let statement = Statement {
            contact: a.contact.as_deref().or(config.feedback_email.as_deref()),
            phone: a.phone.as_deref(),
            response_days: a.response_days,
            known_issues: &a.known_issues,
            compliance: match (a.known_issues.is_empty(), a.last_tested) {
                (false, _) => "partially",
                (true, Some(_)) => "fully",
                (true, None) => "untested",
            },
            last_tested: a.last_tested.map(human_date),
            last_tested_iso: a.last_tested.map(|d| d.to_string()),
            tested_by: a.tested_by.as_deref(),
        };
        let mut ctx = self.context("")?;
        ctx.insert("statement", &statement);
        self.page(sink, "accessibility.html", urls::ACCESSIBILITY, &mut ctx)
    }
}
