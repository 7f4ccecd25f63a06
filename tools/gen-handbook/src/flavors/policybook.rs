//! A handbook as policybook reads it: `handbook.yaml` (which allows the
//! one extra key the policies use, `funding_body`) and `_template.md`, a
//! file that starts with `_` and so is not a policy.

use crate::Error;
use crate::output::Writer;
use crate::schedule::DUE_SOON_DAYS;
use crate::vocab::{HANDBOOK_TITLE, ORGANISATION};

const TEMPLATE: &str = "---
title: Title of the New Policy
owner: Centre Manager
approved: 2026-01-05
review_every: 1 year
category: Governance
tags: []
related: []
status: draft
---

Start a new policy from a copy of this file. Files whose names begin with
an underscore are never published.
";

pub fn write(out: &mut Writer) -> Result<(), Error> {
    let config = format!(
        "title: {HANDBOOK_TITLE}\n\
         organisation: {ORGANISATION}\n\
         base_url: /\n\
         due_soon_days: {DUE_SOON_DAYS}\n\
         require_review_date: false\n\
         edit_url: https://git.example.org/handbook/edit/main/{{path}}\n\
         theme: default\n\
         extra_keys: [funding_body]\n"
    );
    out.write("handbook.yaml", config.as_bytes())?;
    out.write("_template.md", TEMPLATE.as_bytes())
}
