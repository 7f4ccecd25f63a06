//! The parts sentences are made of, the sentences that carry links, and
//! what links point at outside the handbook (external pages, forms).
//! `{role}` in a phrase is replaced by one of [`ROLES`].

/// Who a sentence is about (it starts a sentence, or is lower-cased).
pub const GROUPS: [&str; 10] = [
    "All staff",
    "Volunteers",
    "Managers",
    "Agency staff",
    "Students on placement",
    "Contractors",
    "Team leaders",
    "New staff",
    "Trustees",
    "Relief workers",
];

pub const ROLES: [&str; 12] = [
    "the Designated Safeguarding Lead",
    "their line manager",
    "the Centre Manager",
    "the Data Protection Officer",
    "the manager on duty",
    "the Health and Safety Lead",
    "the People team",
    "the Finance Officer",
    "the Chair of Trustees",
    "the IT Manager",
    "the Operations Manager",
    "a member of the senior team",
];

pub const MODALS: [&str; 5] = ["must", "must", "should", "are expected to", "need to"];

pub const ACTIONS: [&str; 24] = [
    "write down what they saw and heard on the day it happens",
    "tell {role} about any incident without delay",
    "keep personal details locked away and share them only with those who need them",
    "finish the required training before the end of their probation",
    "read this document and sign to say that they have understood it",
    "speak up about the behaviour of a colleague that worries them",
    "make sure that every visitor signs the visitor book",
    "keep paper files in a locked drawer when they are away from their desk",
    "use only the devices and accounts the organisation provides",
    "ask {role} for advice when they are not sure what to do",
    "report accidents and near misses using the agreed form",
    "check that risk assessments are updated at least once a year",
    "declare any personal interest before a decision is taken",
    "keep a receipt for every item they claim for",
    "look after their own safety and the safety of the people around them",
    "let {role} know about any change in circumstances that affects their work",
    "treat colleagues, families and visitors with courtesy and respect",
    "make sure that what they record is accurate, factual, signed and dated",
    "attend supervision and think about how they can improve their practice",
    "keep the circle of people who know about a concern as small as possible",
    "follow the advice of {role} and note down what was agreed",
    "confirm who a caller is before giving out any information by telephone",
    "question unsafe practice and report it if it carries on",
    "hand back keys, cards and equipment on their last working day",
];

pub const NEG_ACTIONS: [&str; 10] = [
    "tell anyone their password or leave a computer unlocked",
    "talk about individual families where they can be overheard",
    "accept a gift worth more than twenty pounds",
    "contact families through their personal social media accounts",
    "take photographs of children on their own phones",
    "take files off the premises without permission",
    "promise a child that they will keep a secret",
    "try to investigate a concern by themselves",
    "install programs that have not been approved",
    "prop open fire doors or block an exit, even for a few minutes",
];

pub const CONDITIONS: [&str; 12] = [
    "If a concern comes to light outside office hours,",
    "Where there is any doubt,",
    "In an emergency,",
    "Before passing information to another organisation,",
    "When someone new joins the team,",
    "If a person may be at risk of harm,",
    "Where a complaint cannot be settled informally,",
    "During their first weeks in post,",
    "As long as it is safe to do so,",
    "If the usual contact cannot be reached,",
    "When working away from the main building,",
    "Where the law requires it,",
];

pub const ORG_ACTIONS: [&str; 10] = [
    "give clear guidance and regular training to everyone affected",
    "check that this document is followed in practice",
    "keep one central log of incidents and what was done about them",
    "make reasonable adjustments wherever they are needed",
    "talk to staff before making any significant change",
    "support anyone who raises a concern in good faith",
    "work closely with the local authority and other partners",
    "share what has been learned from incidents with every team",
    "publish a short summary of these arrangements each year",
    "make sure that enough trained people are on duty at all times",
];

pub const PURPOSES: [&str; 8] = [
    "so that everyone knows what is expected of them",
    "so that concerns are dealt with quickly and fairly",
    "to protect the children and adults who use its services",
    "to meet its duties under the law and national guidance",
    "so that its records stay accurate and up to date",
    "so that decisions are open, consistent and easy to explain",
    "to keep children, families and staff safe from harm",
    "so that money given to the charity is spent wisely",
];

pub const RESPONSIBILITIES: [&str; 8] = [
    "making sure that this document is followed in their team",
    "keeping the register up to date",
    "arranging refresher training when it is due",
    "reporting to the trustees every quarter",
    "checking that agreed actions are finished on time",
    "being the first point of contact for any concern",
    "looking into incidents and drawing out the lessons",
    "telling new staff about this document in their first week",
];

pub const FREQUENCIES: [&str; 5] = [
    "at least once a year",
    "every term",
    "every six months",
    "after any serious incident",
    "whenever the law or national guidance changes",
];

/// How long records are kept: "held {retention}".
pub const RETENTIONS: [&str; 5] = [
    "for six years",
    "for three years",
    "for twelve months",
    "for six years after the person leaves",
    "until the child is twenty five",
];

pub const ROLE_ACTIONS: [&str; 5] = [
    "ask the local authority for advice",
    "arrange for someone independent to review the case",
    "agree to extend the timescale",
    "pass the matter to an outside body",
    "ask for more information before reaching a decision",
];

/// Sentences that link to another policy; `{L}` is the link.
pub const LINK_SENTENCES: [&str; 8] = [
    "This {kind} should be read together with {L}.",
    "More detail is given in {L}.",
    "The steps to take are set out in {L}.",
    "Anyone who is unsure should look at {L} before acting.",
    "Concerns of this sort are dealt with under {L}.",
    "See also {L}.",
    "This is explained more fully in {L}.",
    "The responsibilities that go with this are described in {L}.",
];

/// Sentences that link to a heading of the same page.
pub const SELF_LINK_SENTENCES: [&str; 4] = [
    "What needs to be recorded is described under {L}.",
    "This is covered in {L} below.",
    "See {L} for what happens next.",
    "The details are under {L}.",
];

pub const EXTERNAL_SENTENCES: [&str; 3] = [
    "The law behind this is set out in the {L}.",
    "National guidance can be found in the {L}.",
    "More information is available from the {L}.",
];

pub const ASSET_SENTENCES: [&str; 2] = [
    "Use {L} to write down the details.",
    "Fill in {L} and give it to {role}.",
];

/// External links: (text, URL). `http://` and `mailto:` ones included.
pub const EXTERNAL_LINKS: [(&str, &str); 13] = [
    (
        "Data Protection Act 2018",
        "https://www.legislation.gov.uk/ukpga/2018/12/contents",
    ),
    (
        "Equality Act 2010",
        "https://www.legislation.gov.uk/ukpga/2010/15/contents",
    ),
    (
        "Children Act 2004",
        "https://www.legislation.gov.uk/ukpga/2004/31/contents",
    ),
    (
        "Employment Rights Act 1996",
        "https://www.legislation.gov.uk/ukpga/1996/18/contents",
    ),
    (
        "guidance of the Health and Safety Executive",
        "https://www.hse.gov.uk/guidance/",
    ),
    (
        "website of the Information Commissioner",
        "https://ico.org.uk/",
    ),
    (
        "Charity Commission guidance for trustees",
        "https://www.gov.uk/government/organisations/charity-commission",
    ),
    (
        "statutory guidance on keeping children safe in education",
        "https://www.gov.uk/government/publications/keeping-children-safe-in-education--2",
    ),
    (
        "Acas advice on discipline and grievances",
        "https://www.acas.org.uk/disciplinary-and-grievance-procedures",
    ),
    (
        "advice of the National Cyber Security Centre",
        "https://www.ncsc.gov.uk/",
    ),
    (
        "NHS advice on stopping infections spreading",
        "https://www.nhs.uk/",
    ),
    (
        "forms page of the staff intranet",
        "http://intranet.example.org/forms",
    ),
    ("policy team's mailbox", "mailto:policies@example.org"),
];

/// The forms under `assets/forms/`: (file name, how a sentence names it).
pub const ASSETS: [(&str, &str); 8] = [
    ("incident-form.pdf", "the incident form"),
    ("accident-record.pdf", "the accident record"),
    ("expense-claim.pdf", "the expense claim form"),
    ("risk-assessment-form.pdf", "the risk assessment form"),
    ("access-request-form.pdf", "the access request form"),
    ("visitor-book.pdf", "the visitor book page"),
    ("complaints-form.pdf", "the complaints form"),
    ("referral-form.pdf", "the referral form"),
];

/// A form that is not there: the target of a planted broken asset link.
pub const MISSING_ASSET: (&str, &str) = ("referral-form-old.pdf", "the old referral form");
